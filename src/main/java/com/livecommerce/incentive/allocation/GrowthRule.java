package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.policy.Policy;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Growth tiers (SPEC §2.4, policy §三): every session is measured against the account's
 * baseline; the account claims once per day, with its session in the highest tier (ties: the
 * earliest). Growth is compared exactly: {@code gmv / (sum / n) - 1 >= minGrowth} is evaluated
 * as {@code gmv * n >= sum * (1 + minGrowth)} in integers and BigDecimal.
 */
final class GrowthRule {

	private GrowthRule() {
	}

	record Result(AccountDay.Session session, Policy.Tier tier) {
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
			Policy.Tier tier = tiers.get(i);
			if (gmvFen >= tier.minGmvFen()
					&& (tier.minGrowth() == null || growthMet(gmvFen, baselineSessions, baselineGmvFen, tier.minGrowth()))) {
				return i;
			}
		}
		return Integer.MAX_VALUE;
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

}
