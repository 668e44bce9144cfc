package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.policy.Policy;
import com.livecommerce.incentive.policy.PolicyChecks;
import com.livecommerce.incentive.policy.ProgramSettings;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * §四 品牌标杆案例扶持 (SPEC §2.5): an event program, settled per event by settle-benchmarks
 * ({@link BenchmarkSettlement}) with {@link BenchmarkRule}, not per account-day.
 */
public final class BenchmarkProgram implements com.livecommerce.incentive.policy.ProgramDescriptor {

	@Override
	public String name() {
		return "BENCHMARK";
	}

	@Override
	public String grantIdPrefix() {
		return "BM";
	}

	@Override
	public int order() {
		return 30;
	}

	@Override
	public Class<Policy.Benchmark> settingsType() {
		return Policy.Benchmark.class;
	}

	@Override
	public void validate(ProgramSettings settings, PolicyChecks checks) {
		Policy.Benchmark b = (Policy.Benchmark) settings;
		checks.notNegative(b.minLeadDays(), "min_lead_days");
		checks.positive(b.matchWindowHours(), "match_window_hours");
		checks.require(b.milestones(), "milestones");
		if (b.milestones().isEmpty()) {
			checks.fail(checks.key("milestones") + " must list at least one milestone");
		}
		int previousPct = 0;
		for (int i = 0; i < b.milestones().size(); i++) {
			Policy.Milestone m = b.milestones().get(i);
			String at = "milestones[" + i + "]";
			checks.require(m, at);
			checks.positive(m.pct(), at + ".pct");
			checks.positive(m.coupons(), at + ".coupons");
			if (m.pct() <= previousPct) {
				checks.fail(checks.key(at) + ".pct must be higher than the milestone before it");
			}
			previousPct = m.pct();
		}
	}

	@Override
	public List<SheetRow> sheetRows() {
		return List.of(SheetRow.of("min_lead_days", Policy.Benchmark.class, Policy.Benchmark::minLeadDays),
				SheetRow.of("match_window_hours", Policy.Benchmark.class, Policy.Benchmark::matchWindowHours),
				SheetRow.of("milestones (% → coupons)", Policy.Benchmark.class, b -> b.milestones()
					.stream()
					.map(m -> m.pct() + " → " + m.coupons())
					.collect(Collectors.joining("; "))));
	}

	@Override
	public Set<String> sweepFields() {
		return Set.of("min_lead_days", "match_window_hours");
	}

}
