package com.livecommerce.incentive.explain;

import com.fasterxml.jackson.annotation.JsonInclude;

import com.livecommerce.incentive.allocation.EligibilityRule;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Every decision the nightly run of one business date made, or did not make, for one account,
 * with the values it used (README "Answering a merchant"). Built by {@link Explainer} from stored
 * history only; written as text by {@link ExplanationText} and as JSON (snake_case keys, in the
 * order declared here) by {@link ExplanationJson}.
 *
 * @param outcome the answer in one line, first: what the day gave the account and why, in Chinese
 * a support agent can read out ({@link Conclusion})
 * @param session the session asked about ({@code explain --session}); null for {@code --account}
 * @param policyVersion the version in force on the date; null when none was
 * @param sessions the account's sessions the run ingested, in the order the rules weigh them
 * @param eligibility the checks, with the snapshot rows they read
 * @param coldStart §二, for an account that took part; null otherwise
 * @param growth §三, for an account that took part; null otherwise
 * @param benchmark §四: the account's events filed as of the date, or settled by its run
 * @param claims every claim of the account the run made, with its place in the queue and what became
 * of it since
 * @param risk what the run of the date decided about the account's standing and earlier grants
 * @param recorded eligibility_decision as the run wrote it; null for an account without sessions
 * that day
 * @param disagreements where this reconstruction differs from what the run recorded: empty unless
 * stored history was changed by hand
 */
public record Explanation(String accountId, LocalDate businessDate, Outcome outcome, String session,
		String brandId, String policyVersion, List<Session> sessions, Eligibility eligibility, ColdStart coldStart,
		Growth growth, List<BenchmarkEvent> benchmark, List<ClaimAnswer> claims, Risk risk, Recorded recorded,
		List<String> disagreements,
		@JsonInclude(JsonInclude.Include.NON_EMPTY) List<ProgramDecision> otherPrograms) {

	/**
	 * An account-day program registered beside cold start and growth (policy/Program): its
	 * decision and its workings, as its descriptor gives them.
	 */
	public record ProgramDecision(String program, String outcome, String claimedSession, String tier, int coupons,
			List<String> workings) {
	}

	/** The same answer, asked about one session. */
	Explanation aboutSession(String sessionId) {
		return new Explanation(this.accountId, this.businessDate, this.outcome, sessionId, this.brandId,
				this.policyVersion, this.sessions, this.eligibility, this.coldStart, this.growth, this.benchmark,
				this.claims, this.risk, this.recorded, this.disagreements, this.otherPrograms);
	}

	/** The same answer with its conclusion. */
	Explanation concluded(Outcome outcome) {
		return new Explanation(this.accountId, this.businessDate, outcome, this.session, this.brandId,
				this.policyVersion, this.sessions, this.eligibility, this.coldStart, this.growth, this.benchmark,
				this.claims, this.risk, this.recorded, this.disagreements, this.otherPrograms);
	}

	/**
	 * What the day gave the account, in one line.
	 *
	 * @param result GRANTED (every claim got all it asked), PARTIAL (coupons, but less than asked),
	 * REJECTED (claims, no coupon), NO_CLAIM (sessions, but none earned a claim) or NO_SESSIONS
	 * @param reason the code behind a result other than GRANTED, as the database records it: the
	 * first short claim's reject_reason or limited_by, else eligibility_decision.reason; null for
	 * GRANTED and NO_SESSIONS
	 * @param clause the clause of the policy the reason rests on, e.g. §3.2
	 * @param couponsRequested what the day's claims asked, together
	 * @param couponsGranted what they got, together
	 * @param conclusion 结论: the same in Chinese a support agent can read out to the merchant
	 */
	public record Outcome(String result, String reason, String clause, int couponsRequested, int couponsGranted,
			String conclusion) {
	}

	/** A session of the day (ingested by the run of the date: late sessions included). */
	public record Session(String sessionId, LocalDateTime startedAt, LocalDateTime endedAt, long gmvFen) {
	}

	/**
	 * @param takesPart every check but the account status passed: the sessions were weighed
	 * @param reason eligibility_decision.reason as recomputed: the first failing check, NO_RULE_MET,
	 * or null when a claim came
	 * @param industries the industries the version in force lists (§5.2.1); empty without one
	 */
	public record Eligibility(boolean takesPart, String reason, List<Check> checks, BrandValues brand,
			AccountValues account, StoreValues store, StatusValues status, List<String> industries) {
	}

	/** One check: its outcome, the value it looked at, and the reason code when it failed. */
	public record Check(String check, boolean passed, String value, String reason) {
	}

	/** The brand_history row in force on the date. */
	public record BrandValues(String brandId, String brandName, String industry, boolean hasBrandBadge,
			LocalDate libraryEntryDate, LocalDate validFrom, LocalDate validTo) {
	}

	/** The account_history row in force on the date. */
	public record AccountValues(String brandId, String storeId, LocalDateTime lastBroadcastEndedAt,
			boolean coldStartUsed, LocalDate validFrom, LocalDate validTo) {
	}

	/** The store_risk_history row in force on the date; null fields when the store was never reported. */
	public record StoreValues(String storeId, String storeStatus, BigDecimal refundRate, Integer complaintCount,
			LocalDate validFrom, LocalDate validTo) {
	}

	/**
	 * The account_status row that governed the date (the latest effective on or before it); all
	 * but status null when the account never had a status change (ACTIVE).
	 */
	public record StatusValues(String status, LocalDate effectiveDate, String previousStatus, String triggerCode,
			String clause, String reason, String violationId, LocalDate untilDate) {
	}

	/**
	 * @param outcome eligibility_decision.cold_start: CLAIMED, PROGRAM_ABSENT, COLD_START_USED,
	 * GRANTED_BEFORE, NO_LIBRARY_ENTRY, or the outcome of the day's first session
	 * @param grantedBefore the earlier COLD_START grant (GRANTED_BEFORE)
	 * @param windowEnd last day a first broadcast counts: library entry + first_broadcast_window_days
	 * @param sessions every session of the day weighed
	 */
	public record ColdStart(String outcome, Integer coupons, Integer firstBroadcastWindowDays, Integer dormantDays,
			boolean coldStartUsed, String grantedBefore, LocalDate libraryEntryDate, LocalDate windowEnd,
			List<ColdStartSession> sessions, String claimedSession) {
	}

	/**
	 * One session weighed for cold start.
	 *
	 * @param previous the broadcast before it and where it was found; null when none is known
	 * @param gapHours hours from that end to this session's start, two places, rounded down
	 * @param requiredHours dormant_days × 24
	 */
	public record ColdStartSession(String sessionId, LocalDateTime startedAt, LocalDate endDate, Previous previous,
			BigDecimal gapHours, Integer requiredHours, String outcome) {
	}

	/**
	 * Where a previous broadcast was found: a session (SESSION, with the run that ingested it) or
	 * an accounts.csv snapshot's last_broadcast_ended_at (SNAPSHOT, with the first date that
	 * carried it).
	 */
	public record Previous(String source, LocalDateTime endedAt, String sessionId, LocalDate ingestedOn,
			LocalDate snapshotDate) {
	}

	/**
	 * @param outcome eligibility_decision.growth: CLAIMED, PROGRAM_ABSENT or NO_TIER_MET
	 * @param windowFrom first end date of the baseline window (date − baseline_days)
	 * @param windowTo last end date of the window (date − 1)
	 * @param baselineSessions sessions ingested by earlier runs that ended in the window
	 * @param baselineMeanFen baselineGmvFen / baselineSessions, two places, rounded down; null
	 * without sessions
	 */
	public record Growth(String outcome, Integer baselineDays, LocalDate windowFrom, LocalDate windowTo,
			long baselineSessions, BigDecimal baselineGmvFen, BigDecimal baselineMeanFen,
			List<GrowthSession> sessions, String claimedSession, String claimedTier) {
	}

	/**
	 * @param growth GMV / baseline mean − 1, six places, rounded down; null without a baseline (a tier
	 * with min_growth is then never met; with a baseline mean of 0 any positive GMV meets it)
	 */
	public record GrowthSession(String sessionId, long gmvFen, BigDecimal growth, List<Tier> tiers,
			String firstTierMet) {
	}

	/**
	 * One tier weighed: met or missed, and by how much (GMV short in fen; growth short: min_growth −
	 * growth, when both are known).
	 */
	public record Tier(String tier, boolean met, int coupons, long minGmvFen, long gmvShortFen, BigDecimal minGrowth,
			boolean growthMet, BigDecimal growthShort) {
	}

	/**
	 * A benchmark event of the account: its filing as of the date, the rule's checks, and the
	 * outcome recorded for it (the latest: {@code decidedOn} says which run).
	 *
	 * @param leadDays days from the filing date to the planned date
	 * @param candidates the day's sessions starting within the match window, closest first
	 */
	public record BenchmarkEvent(String eventId, LocalDateTime submittedAt, LocalDateTime plannedStartAt,
			long targetGmvFen, String reviewStatus, long leadDays, Integer minLeadDays, Integer matchWindowHours,
			List<Candidate> candidates, String outcome, boolean outcomeFinal, LocalDate decidedOn, String sessionId,
			BigDecimal gmvPct, List<Milestone> milestones, String grantId) {
	}

	/** A session of the day within an event's match window; {@code takenBy}: the event that took it. */
	public record Candidate(String sessionId, LocalDateTime startedAt, long minutesFromPlannedStart, String takenBy) {
	}

	public record Milestone(int pct, int coupons, long gmvNeededFen, boolean reached) {
	}

	/**
	 * A claim and its grant.
	 *
	 * @param queuePosition its place among the claims of its pool that day (1: served first)
	 * @param claimsAhead claims of the same pool and day served before it
	 * @param rejectReason coupon_grant.reject_reason: why a REJECTED claim got nothing (CAP_EXHAUSTED,
	 * BRAND_CAP_REACHED or the account status); null otherwise
	 * @param limitedBy coupon_grant.limited_by: what cut a PARTIAL claim short; null otherwise
	 */
	public record ClaimAnswer(String grantId, String program, String sessionId, String eventId, String tier,
			String milestonesReached, LocalDateTime claimedAt, int requestedCoupons, String accountStatus,
			String poolMonth, int queuePosition, int claimsAhead, Integer monthlyCap, Integer perBrandMonthlyCap,
			Integer poolRemainingBefore, Integer brandRemainingBefore, int grantedCoupons, String status,
			String rejectReason, String limitedBy, long faceValueFen, LocalDate expiresOn, Later later) {
	}

	/** What happened to a grant after its night, up to now. */
	public record Later(List<Usage> usage, List<UsageAdjustment> usageAdjustments, Expiry expiry,
			List<Clawback> clawbacks) {
	}

	public record Usage(LocalDate asOfDate, int usedCoupons, int reportedUsedCoupons) {
	}

	public record UsageAdjustment(LocalDate businessDate, String kind, int reportedUsedCoupons,
			int countedUsedCoupons, int excessCoupons) {
	}

	public record Expiry(LocalDate businessDate, int expiredCoupons) {
	}

	public record Clawback(LocalDate businessDate, String clause, String triggerCode, String reason,
			String violationId, int clawedCoupons, int unrecoverableCoupons, boolean returnedToPool) {
	}

	/**
	 * The run's risk decisions about the account: its status change of the date (null when none)
	 * and the clawbacks of earlier grants it made.
	 */
	public record Risk(StatusValues statusChange, List<ClawbackOfGrant> clawbacks) {
	}

	public record ClawbackOfGrant(String grantId, Clawback clawback) {
	}

	/** The eligibility_decision row the run wrote. */
	public record Recorded(boolean takesPart, String reason, String coldStart, String growth, String growthTier,
			int sessions, String policyVersion, EligibilityRule.Facts facts) {
	}

}
