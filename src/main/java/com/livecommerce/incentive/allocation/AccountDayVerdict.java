package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.policy.Program;
import com.livecommerce.incentive.policy.Policy;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the per-account rules make of one account-day (SPEC §2.2–§2.4): eligibility check by
 * check, then cold start and growth, and the claims that come of them. The one place these rules
 * meet: the nightly run records this verdict (claims and eligibility_decision), explain computes
 * it again from the values of the same date and shows its workings.
 *
 * @param policy the version in force; null when none is
 * @param checks every eligibility check made, in order
 * @param takesPart every check but the account's status passed: the sessions were weighed
 * @param reason the first failing check, or NO_RULE_MET when none failed and no claim came; null
 * when a claim came
 * @param coldStart the cold-start evaluation (null when the account does not take part)
 * @param growth the growth outcome (null when the account does not take part)
 * @param growthClaim the growth claim's session and tier, if any
 * @param claims the claims made (cold start first, then growth)
 */
public record AccountDayVerdict(Policy policy, List<EligibilityRule.Outcome> checks, boolean takesPart,
		EligibilityRule.Reason reason, ColdStartRule.Evaluation coldStart, GrowthRule.Outcome growth,
		GrowthRule.Result growthClaim, List<Claim> claims) {

	/**
	 * Applies the rules. {@code knownEndBefore} is what {@link ColdStartRule#evaluate} asks for late
	 * sessions; {@code allSessions} weighs every session for cold start (explain), not only up to
	 * the one that claims.
	 */
	public static AccountDayVerdict of(LocalDate date, AccountDay day, Policy policy,
			Function<LocalDateTime, LocalDateTime> knownEndBefore, boolean allSessions) {
		List<EligibilityRule.Outcome> checks = EligibilityRule.checks(day.facts(), policy);
		EligibilityRule.Reason failing = checks.stream()
			.filter(o -> !o.passed())
			.map(EligibilityRule.Outcome::reason)
			.findFirst()
			.orElse(null);
		boolean takesPart = EligibilityRule.takesPart(checks);
		if (!takesPart) {
			return new AccountDayVerdict(policy, checks, false, failing, null, null, null, List.of());
		}
		List<Claim> claims = new ArrayList<>(2);
		ColdStartRule.Evaluation coldStart = ColdStartRule.evaluate(day, policy.programs().coldStart(), knownEndBefore,
				allSessions);
		if (coldStart.claimed() != null) {
			claims.add(claim(date, day, coldStart.claimed(), Program.COLD_START, null,
					policy.programs().coldStart().coupons(), policy));
		}
		GrowthRule.Result growth = GrowthRule.bestSession(day, policy.programs().growth()).orElse(null);
		if (growth != null) {
			claims.add(claim(date, day, growth.session(), Program.GROWTH, growth.tier().name(), growth.tier().coupons(),
					policy));
		}
		GrowthRule.Outcome growthOutcome = policy.programs().growth() == null ? GrowthRule.Outcome.PROGRAM_ABSENT
				: growth != null ? GrowthRule.Outcome.CLAIMED : GrowthRule.Outcome.NO_TIER_MET;
		EligibilityRule.Reason reason = failing != null ? failing
				: claims.isEmpty() ? EligibilityRule.Reason.NO_RULE_MET : null;
		return new AccountDayVerdict(policy, checks, true, reason, coldStart, growthOutcome, growth, List.copyOf(claims));
	}

	private static Claim claim(LocalDate date, AccountDay day, AccountDay.Session session, Program program, String tier,
			int coupons, Policy policy) {
		return new Claim(program.grantId(session.sessionId()), date, program, day.accountId(), day.brandId(),
				session.sessionId(), null, tier, null, session.endedAt(), coupons, day.accountStatus(), policy.version());
	}

}
