package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.policy.Policy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Growth tiers (SPEC §2.4, policy §三): every session is measured against the account's
 * baseline; the account claims once per day, with its session in the highest tier (ties: the
 * earliest). Growth is compared exactly: {@code gmv / (sum / n) - 1 >= minGrowth} is evaluated
 * as {@code gmv * n >= sum * (1 + minGrowth)} in integers and BigDecimal.
 */
public final class GrowthRule {

	private GrowthRule() {
	}

	/** The outcome for an account-day, as recorded in eligibility_decision.growth. */
	public enum Outcome {

		CLAIMED,
		/** The version in force has no GROWTH program. */
		PROGRAM_ABSENT,
		/** No session met any tier. */
		NO_TIER_MET

	}

	public record Result(AccountDay.Session session, Policy.Tier tier) {
	}

	static Optional<Result> bestSession(AccountDay day, Policy.Growth rule) {
		if (rule == null) {
			return Optional.empty();
		}
		Result best = null;
		int bestIndex = Integer.MAX_VALUE;
		for (AccountDay.Session session : day.sessions()) { // ordered by ended_at, session_id
			int index = firstTierMet(session.gmvFen(), day.baselineSessions(), day.baselineGmvFen(), rule.tiers());
			if (index < bestIndex) { // strictly higher tier: a tie keeps the earlier session
				bestIndex = index;
				best = new Result(session, rule.tiers().get(index));
			}
		}
		return Optional.ofNullable(best);
	}

	/** Index of the first tier, top down, that the GMV meets; Integer.MAX_VALUE when none. */
	static int firstTierMet(long gmvFen, long baselineSessions, BigDecimal baselineGmvFen, List<Policy.Tier> tiers) {
		for (int i = 0; i < tiers.size(); i++) {
			if (meets(gmvFen, baselineSessions, baselineGmvFen, tiers.get(i))) {
				return i;
			}
		}
		return Integer.MAX_VALUE;
	}

	private static boolean meets(long gmvFen, long baselineSessions, BigDecimal baselineGmvFen, Policy.Tier tier) {
		return gmvFen >= tier.minGmvFen()
				&& (tier.minGrowth() == null || growthMet(gmvFen, baselineSessions, baselineGmvFen, tier.minGrowth()));
	}

	static boolean growthMet(long gmvFen, long baselineSessions, BigDecimal baselineGmvFen, BigDecimal minGrowth) {
		if (baselineSessions == 0) {
			return false; // no baseline: a tier with min_growth cannot be met
		}
		if (baselineGmvFen.signum() == 0) {
			return gmvFen > 0; // baseline mean 0: any positive GMV meets every min_growth
		}
		BigDecimal lhs = BigDecimal.valueOf(gmvFen).multiply(BigDecimal.valueOf(baselineSessions));
		BigDecimal rhs = baselineGmvFen.multiply(BigDecimal.ONE.add(minGrowth));
		return lhs.compareTo(rhs) >= 0;
	}

	/** One tier weighed for one session: met or not, and what it lacked. */
	public record TierCheck(String tier, boolean met, long minGmvFen, long gmvShortFen, BigDecimal minGrowth,
			boolean growthMet) {
	}

	/**
	 * One session weighed against every tier. {@code growth} is GMV / baseline mean − 1 to six
	 * places, for people (the decision compares exactly); null without a baseline (or with a
	 * baseline of mean 0).
	 */
	public record SessionCheck(AccountDay.Session session, BigDecimal growth, List<TierCheck> tiers, String firstTierMet) {
	}

	/** Every session of the day against every tier, for explain. */
	public static List<SessionCheck> weigh(AccountDay day, Policy.Growth rule) {
		List<SessionCheck> checks = new ArrayList<>();
		if (rule == null) {
			return checks;
		}
		for (AccountDay.Session session : day.sessions()) {
			List<TierCheck> tiers = new ArrayList<>();
			String first = null;
			for (Policy.Tier tier : rule.tiers()) {
				boolean met = meets(session.gmvFen(), day.baselineSessions(), day.baselineGmvFen(), tier);
				tiers.add(new TierCheck(tier.name(), met, tier.minGmvFen(), Math.max(0, tier.minGmvFen() - session.gmvFen()),
						tier.minGrowth(), tier.minGrowth() == null
								|| growthMet(session.gmvFen(), day.baselineSessions(), day.baselineGmvFen(), tier.minGrowth())));
				if (met && first == null) {
					first = tier.name();
				}
			}
			checks.add(new SessionCheck(session, growth(session.gmvFen(), day), List.copyOf(tiers), first));
		}
		return checks;
	}

	/** GMV / (baseline sum / sessions) − 1, six places, rounded down; null without a usable baseline. */
	static BigDecimal growth(long gmvFen, AccountDay day) {
		if (day.baselineSessions() == 0 || day.baselineGmvFen().signum() == 0) {
			return null;
		}
		return BigDecimal.valueOf(gmvFen)
			.multiply(BigDecimal.valueOf(day.baselineSessions()))
			.divide(day.baselineGmvFen(), 6, RoundingMode.DOWN)
			.subtract(BigDecimal.ONE);
	}

}
