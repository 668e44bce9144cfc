package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.policy.Program;
import com.livecommerce.incentive.policy.Policy;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the per-account rules make of one account-day (SPEC §2.2–§2.4): eligibility check by
 * check, then every account-day program of the registry ({@link AccountDayProgram}: cold start,
 * growth, and any program registered after them), and the claims that come of them. The one
 * place these rules meet: the nightly run records this verdict (claims and eligibility_decision),
 * explain computes it again from the values of the same date and shows its workings.
 *
 * @param policy the version in force; null when none is
 * @param checks every eligibility check made, in order
 * @param takesPart every check but the account's status passed: the sessions were weighed
 * @param reason the first failing check, or NO_RULE_MET when none failed and no claim came; null
 * when a claim came
 * @param decisions each account-day program's decision, in the registry's order (empty when the
 * account does not take part)
 * @param claims the claims made, in the registry's order of programs (cold start, then growth)
 */
public record AccountDayVerdict(Policy policy, List<EligibilityRule.Outcome> checks, boolean takesPart,
		EligibilityRule.Reason reason, Map<Program, AccountDayProgram.Decision> decisions, List<Claim> claims) {

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
			return new AccountDayVerdict(policy, checks, false, failing, Map.of(), List.of());
		}
		AccountDayProgram.Context context = new AccountDayProgram.Context(knownEndBefore, allSessions);
		Map<Program, AccountDayProgram.Decision> decisions = new LinkedHashMap<>();
		List<Claim> claims = new ArrayList<>(2);
		for (Program program : Program.values()) {
			if (program.descriptor() instanceof AccountDayProgram rule) {
				AccountDayProgram.Decision decision = rule.decide(day, program.settingsIn(policy), context);
				decisions.put(program, decision);
				if (decision.claimed() != null) {
					claims.add(claim(date, day, decision, program, policy));
				}
			}
		}
		EligibilityRule.Reason reason = failing != null ? failing
				: claims.isEmpty() ? EligibilityRule.Reason.NO_RULE_MET : null;
		return new AccountDayVerdict(policy, checks, true, reason, Collections.unmodifiableMap(decisions),
				List.copyOf(claims));
	}

	/** The cold-start evaluation (null when the account does not take part). */
	public ColdStartRule.Evaluation coldStart() {
		AccountDayProgram.Decision d = this.decisions.get(Program.COLD_START);
		return d == null ? null : (ColdStartRule.Evaluation) d.detail();
	}

	/** The growth outcome (null when the account does not take part). */
	public GrowthRule.Outcome growth() {
		AccountDayProgram.Decision d = this.decisions.get(Program.GROWTH);
		return d == null ? null : GrowthRule.Outcome.valueOf(d.outcome());
	}

	/** The growth claim's session and tier, if any. */
	public GrowthRule.Result growthClaim() {
		AccountDayProgram.Decision d = this.decisions.get(Program.GROWTH);
		return d == null ? null : (GrowthRule.Result) d.detail();
	}

	private static Claim claim(LocalDate date, AccountDay day, AccountDayProgram.Decision decision, Program program,
			Policy policy) {
		AccountDay.Session session = decision.claimed();
		return new Claim(program.grantId(session.sessionId()), date, program, day.accountId(), day.brandId(),
				session.sessionId(), null, decision.tier(), null, session.endedAt(), decision.coupons(),
				day.accountStatus(), policy.version());
	}

}
