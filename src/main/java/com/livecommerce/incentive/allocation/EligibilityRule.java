package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.policy.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * Who takes part on a business date (SPEC §2.2), check by check: a policy version is in force,
 * the account's brand has the brand badge and an industry of that version, and the account is
 * bound to a store that is not CLOSED (a store never reported in store_risk.csv is not known to be
 * closed). Then its status: a claim of an account that is not ACTIVE is made and rejected with the
 * status (SPEC §2.7). The one implementation of the rule: the nightly run applies it to every
 * account with sessions and records the outcome (eligibility_decision), benchmark settlement reads
 * that record, and explain applies it again to the values of a past date.
 */
public final class EligibilityRule {

	private EligibilityRule() {
	}

	/** The values the checks look at, as of the business date. */
	public record Facts(boolean hasBrandBadge, String industry, String storeId, String storeStatus,
			String accountStatus) {
	}

	/** The checks, in the order they are made. */
	public enum Check {

		POLICY_VERSION, BRAND_BADGE, INDUSTRY, STORE, ACCOUNT_STATUS

	}

	/**
	 * Why an account-day earned no coupons, as recorded in eligibility_decision.reason: the first
	 * failing check, or, every check passed, no rule met.
	 */
	public enum Reason {

		NO_POLICY_VERSION, NO_BRAND_BADGE, INDUSTRY_NOT_LISTED, NO_STORE, STORE_CLOSED, ACCOUNT_RESTRICTED,
		ACCOUNT_SUSPENDED, ACCOUNT_DISQUALIFIED, ACCOUNT_REVOKED,
		/** Every check passed, but neither cold start nor growth was met (the program columns say why). */
		NO_RULE_MET

	}

	/** One check's outcome: passed, or the reason it failed. */
	public record Outcome(Check check, boolean passed, Reason reason) {
	}

	/** Every check, in order ({@code policy} null: none in force, and the other checks are not made). */
	public static List<Outcome> checks(Facts facts, Policy policy) {
		List<Outcome> outcomes = new ArrayList<>(Check.values().length);
		outcomes.add(outcome(Check.POLICY_VERSION, policy != null, Reason.NO_POLICY_VERSION));
		if (policy == null) {
			return outcomes;
		}
		outcomes.add(outcome(Check.BRAND_BADGE, facts.hasBrandBadge(), Reason.NO_BRAND_BADGE));
		outcomes.add(outcome(Check.INDUSTRY, policy.industries().contains(facts.industry()), Reason.INDUSTRY_NOT_LISTED));
		outcomes.add(facts.storeId() == null ? outcome(Check.STORE, false, Reason.NO_STORE)
				: outcome(Check.STORE, !"CLOSED".equals(facts.storeStatus()), Reason.STORE_CLOSED));
		outcomes.add(outcome(Check.ACCOUNT_STATUS, Claim.ACTIVE.equals(facts.accountStatus()),
				Claim.ACTIVE.equals(facts.accountStatus()) ? null : Reason.valueOf("ACCOUNT_" + facts.accountStatus())));
		return outcomes;
	}

	/**
	 * Whether the account takes part: every check but its status passed. Its sessions then earn
	 * claims, which a status other than ACTIVE rejects.
	 */
	public static boolean takesPart(Facts facts, Policy policy) {
		return takesPart(checks(facts, policy));
	}

	/** The same, from checks already made (no policy: only POLICY_VERSION was checked, and failed). */
	public static boolean takesPart(List<Outcome> checks) {
		return checks.stream().filter(o -> o.check() != Check.ACCOUNT_STATUS).allMatch(Outcome::passed);
	}

	private static Outcome outcome(Check check, boolean passed, Reason reason) {
		return new Outcome(check, passed, passed ? null : reason);
	}

}
