package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.policy.Policy;
import com.livecommerce.incentive.policy.PolicyChecks;
import com.livecommerce.incentive.policy.ProgramSettings;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** §三 成长扶持 (SPEC §2.4): the day's best session by tier, by {@link GrowthRule}. */
public final class GrowthProgram implements AccountDayProgram {

	@Override
	public String name() {
		return "GROWTH";
	}

	@Override
	public String grantIdPrefix() {
		return "GR";
	}

	@Override
	public int order() {
		return 20;
	}

	@Override
	public Class<Policy.Growth> settingsType() {
		return Policy.Growth.class;
	}

	@Override
	public void validate(ProgramSettings settings, PolicyChecks checks) {
		Policy.Growth g = (Policy.Growth) settings;
		checks.positive(g.baselineDays(), "baseline_days");
		checks.require(g.tiers(), "tiers");
		if (g.tiers().isEmpty()) {
			checks.fail(checks.key("tiers") + " must list at least one tier");
		}
		Set<String> names = new HashSet<>();
		for (int i = 0; i < g.tiers().size(); i++) {
			Policy.Tier t = g.tiers().get(i);
			String at = "tiers[" + i + "]";
			checks.require(t, at);
			checks.require(t.name(), at + ".name");
			if (!t.name().matches("[A-Za-z0-9_]{1,16}") || !names.add(t.name())) {
				checks.fail(checks.key(at) + ".name must be a unique word of at most 16 letters or digits");
			}
			checks.notNegative(t.minGmvFen(), at + ".min_gmv_fen");
			checks.positive(t.coupons(), at + ".coupons");
			if (t.minGrowth() != null && t.minGrowth().compareTo(BigDecimal.ONE.negate()) < 0) {
				checks.fail(checks.key(at) + ".min_growth must be at least -1 (growth is GMV / baseline - 1)");
			}
			for (int above = 0; above < i; above++) {
				Policy.Tier higher = g.tiers().get(above);
				if (asksNoMore(higher, t)) {
					checks.fail(checks.key(at) + " (" + t.name() + ") can never be met: tiers[" + above + "] ("
							+ higher.name() + ") asks no more in min_gmv_fen and min_growth and is checked first; list"
							+ " the tiers most demanding first");
				}
			}
		}
	}

	/**
	 * Whether every session that meets {@code lower} also meets {@code higher}: then {@code lower},
	 * listed after it, is never reached. A tier without min_growth needs no baseline, so it asks
	 * less than any min_growth.
	 */
	private static boolean asksNoMore(Policy.Tier higher, Policy.Tier lower) {
		boolean gmv = higher.minGmvFen() <= lower.minGmvFen();
		boolean growth = higher.minGrowth() == null
				|| lower.minGrowth() != null && higher.minGrowth().compareTo(lower.minGrowth()) <= 0;
		return gmv && growth;
	}

	@Override
	public List<SheetRow> sheetRows() {
		return List.of(SheetRow.of("baseline_days", Policy.Growth.class, Policy.Growth::baselineDays),
				SheetRow.of("tiers (name: min GMV fen, min growth → coupons)", Policy.Growth.class, g -> g.tiers()
					.stream()
					.map(t -> t.name() + ": " + t.minGmvFen() + ", " + SheetRow.show(t.minGrowth()) + " → " + t.coupons())
					.collect(Collectors.joining("; "))));
	}

	@Override
	public Set<String> sweepFields() {
		return Set.of("baseline_days");
	}

	@Override
	public Decision decide(AccountDay day, ProgramSettings settings, Context context) {
		Policy.Growth rule = (Policy.Growth) settings;
		if (rule == null) {
			return new Decision(GrowthRule.Outcome.PROGRAM_ABSENT.name(), null, null, 0, null, List.of());
		}
		GrowthRule.Result best = GrowthRule.bestSession(day, rule).orElse(null);
		return best == null ? new Decision(GrowthRule.Outcome.NO_TIER_MET.name(), null, null, 0, null, List.of())
				: new Decision(GrowthRule.Outcome.CLAIMED.name(), best.session(), best.tier().name(),
						best.tier().coupons(), best, List.of());
	}

}
