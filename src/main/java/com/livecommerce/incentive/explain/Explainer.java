package com.livecommerce.incentive.explain;

import com.livecommerce.incentive.allocation.AccountDay;
import com.livecommerce.incentive.allocation.AccountDayVerdict;
import com.livecommerce.incentive.allocation.BenchmarkRule;
import com.livecommerce.incentive.allocation.Claim;
import com.livecommerce.incentive.allocation.ColdStartRule;
import com.livecommerce.incentive.allocation.ColdStartUsed;
import com.livecommerce.incentive.allocation.EligibilityRule;
import com.livecommerce.incentive.allocation.GrowthRule;
import com.livecommerce.incentive.allocation.PreviousBroadcast;
import com.livecommerce.incentive.policy.Program;
import com.livecommerce.incentive.policy.Policy;
import com.livecommerce.incentive.policy.PolicyVersions;
import com.livecommerce.incentive.runs.JobRuns;
import com.livecommerce.incentive.runs.RunOrder;
import com.livecommerce.incentive.runs.NightlyRun;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers "why did this account get, or not get, its coupons on D?" from stored data only: the
 * *_history tables give the values of D, broadcast_session the sessions the run of D ingested,
 * policy_version the text of the version in force; the rules themselves are applied again by
 * {@link AccountDayVerdict}, the code the nightly run used. Claims, grants, clawbacks, expiry and
 * usage are read as recorded. What it recomputes is compared with eligibility_decision and the
 * claims, so a disagreement (history edited by hand) shows instead of hiding. Reads only.
 */
@Component
public class Explainer {

	/** A question that has no answer: an unknown account or session, or a date never run (exit 2). */
	public static class Unanswerable extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Unanswerable(String message) {
			super(message);
		}

	}

	private final JdbcTemplate jdbc;

	private final Predicate<LocalDate> completed;

	private final Supplier<Optional<String[]>> completedRange;

	@Autowired
	public Explainer(JdbcTemplate jdbc, RunOrder order, JobRuns runs) {
		this(jdbc, order::nightCompleted, () -> runs.completedRange(NightlyRun.JOB, NightlyRun.BUSINESS_DATE));
	}

	/**
	 * @param completed whether the nightly run of a date has completed
	 * @param completedRange the first and last completed night, for the message of a date never run
	 */
	public Explainer(JdbcTemplate jdbc, Predicate<LocalDate> completed, Supplier<Optional<String[]>> completedRange) {
		this.jdbc = jdbc;
		this.completed = completed;
		this.completedRange = completedRange;
	}

	/** {@code explain --session}: the account-day of the run that ingested the session. */
	public Explanation session(String sessionId) {
		record Ingested(String accountId, LocalDate date) {
		}
		List<Ingested> rows = this.jdbc.query(
				"SELECT account_id, business_date FROM broadcast_session WHERE session_id = ?",
				(rs, i) -> new Ingested(rs.getString(1), rs.getObject(2, LocalDate.class)), sessionId);
		if (rows.isEmpty()) {
			throw new Unanswerable("unknown session " + quoted(sessionId) + ": no run ingested it" + rejected(sessionId));
		}
		String accountId = rows.get(0).accountId();
		LocalDate date = rows.get(0).date();
		return account(accountId, date).aboutSession(sessionId);
	}

	/** {@code explain --account --date}. */
	public Explanation account(String accountId, LocalDate date) {
		requireCompleted(date);
		Explanation.AccountValues account = accountOn(accountId, date);
		Explanation.BrandValues brand = brandOn(account.brandId(), date);
		Explanation.StoreValues store = account.storeId() == null ? null : storeOn(account.storeId(), date);
		Explanation.StatusValues status = statusOn(accountId, date);
		List<PolicyVersions.Recorded> recordedVersions = new PolicyVersions(this.jdbc).recorded();
		PolicyVersions.Recorded version = recordedVersions.stream()
			.filter(r -> !date.isBefore(r.effectiveFrom()) && !date.isAfter(r.effectiveTo()))
			.findFirst()
			.orElse(null);
		Policy policy = version == null ? null : version.policy();
		List<AccountDay.Session> sessions = sessions(accountId, date);
		EligibilityRule.Facts facts = new EligibilityRule.Facts(brand.hasBrandBadge(), brand.industry(),
				account.storeId(), store == null ? null : store.storeStatus(), status.status());

		Policy.Growth growthRule = policy == null ? null : policy.programs().growth();
		long baselineSessions = 0;
		BigDecimal baselineGmv = BigDecimal.ZERO;
		if (growthRule != null) {
			Map<String, Object> baseline = this.jdbc.queryForMap("""
					SELECT COALESCE(SUM(sessions), 0) AS sessions, COALESCE(SUM(gmv_fen), 0) AS gmv_fen FROM account_day_total
					WHERE account_id = ? AND end_date >= ? AND end_date < ? AND business_date < ?""", accountId,
					date.minusDays(growthRule.baselineDays()), date, date);
			baselineSessions = ((Number) baseline.get("sessions")).longValue();
			baselineGmv = new BigDecimal(baseline.get("gmv_fen").toString());
		}
		String grantedBefore = this.jdbc.query("""
				SELECT grant_id FROM coupon_grant WHERE account_id = ? AND program = 'COLD_START'
				  AND status IN ('GRANTED', 'PARTIAL') AND business_date < ? ORDER BY business_date, grant_id LIMIT 1""",
				(rs, i) -> rs.getString(1), accountId, date).stream().findFirst().orElse(null);
		AccountDay day = new AccountDay(accountId, account.brandId(), facts, brand.libraryEntryDate(),
				PreviousBroadcast.latestKnownEnd(this.jdbc, accountId, date),
				ColdStartUsed.since(this.jdbc, accountId, date).isPresent(),
				grantedBefore != null, baselineSessions, baselineGmv, sessions);

		List<EligibilityRule.Outcome> checks = EligibilityRule.checks(facts, policy);
		AccountDayVerdict verdict = sessions.isEmpty() ? null : AccountDayVerdict.of(date, day, policy,
				before -> PreviousBroadcast.knownEndBefore(this.jdbc, accountId, date, before), true);
		Explanation.Eligibility eligibility = new Explanation.Eligibility(
				EligibilityRule.takesPart(checks),
				verdict == null ? checks.stream().filter(o -> !o.passed()).map(o -> o.reason().name()).findFirst().orElse(null)
						: name(verdict.reason()),
				checks.stream().map(o -> check(o, facts, version)).toList(), brand, account, store, status,
				policy == null ? List.of() : List.copyOf(policy.industries()));
		Explanation.ColdStart coldStart = verdict == null || !verdict.takesPart() ? null
				: coldStart(day, policy.programs().coldStart(), verdict.coldStart(), grantedBefore, date);
		Explanation.Growth growth = verdict == null || !verdict.takesPart() ? null
				: growth(day, growthRule, verdict, date);
		Map<String, Policy> versions = new HashMap<>();
		recordedVersions.forEach(r -> versions.put(r.version(), r.version().equals(version == null ? null
				: version.version()) ? policy : r.policy()));
		List<Explanation.ClaimAnswer> claims = claims(accountId, date, versions);
		Explanation.Recorded recorded = recorded(accountId, date);
		List<String> disagreements = disagreements(verdict, day, recorded, claims, date);
		Explanation answer = new Explanation(accountId, date, null, null, account.brandId(),
				version == null ? null : version.version(),
				sessions.stream()
					.map(s -> new Explanation.Session(s.sessionId(), s.startedAt(), s.endedAt(), s.gmvFen()))
					.toList(),
				eligibility, coldStart, growth, benchmark(accountId, date, policy), claims, risk(accountId, date),
				recorded, disagreements, otherPrograms(verdict));
		return answer.concluded(Conclusion.of(answer, policy));
	}

	/** The decisions of account-day programs registered beside cold start and growth, which have sections of their own. */
	private static List<Explanation.ProgramDecision> otherPrograms(AccountDayVerdict verdict) {
		if (verdict == null) {
			return List.of();
		}
		return verdict.decisions()
			.entrySet()
			.stream()
			.filter(e -> e.getKey() != Program.COLD_START && e.getKey() != Program.GROWTH)
			.map(e -> new Explanation.ProgramDecision(e.getKey().name(), e.getValue().outcome(),
					e.getValue().claimed() == null ? null : e.getValue().claimed().sessionId(), e.getValue().tier(),
					e.getValue().coupons(), e.getValue().workings()))
			.toList();
	}

	private void requireCompleted(LocalDate date) {
		if (this.completed.test(date)) {
			return;
		}
		String range = this.completedRange.get()
			.map(r -> "completed nights run from " + r[0] + " to " + r[1])
			.orElse("no nightly run has completed on this database");
		throw new Unanswerable("the nightly run of " + date + " has not completed, so nothing was decided for it ("
				+ range + ")");
	}

	private Explanation.AccountValues accountOn(String accountId, LocalDate date) {
		List<Explanation.AccountValues> rows = this.jdbc.query("""
				SELECT brand_id, store_id, last_broadcast_ended_at, cold_start_used, valid_from, valid_to FROM account_history
				WHERE account_id = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)""",
				(rs, i) -> new Explanation.AccountValues(rs.getString(1), rs.getString(2),
						rs.getObject(3, LocalDateTime.class), rs.getBoolean(4), rs.getObject(5, LocalDate.class),
						rs.getObject(6, LocalDate.class)),
				accountId, date, date);
		if (!rows.isEmpty()) {
			return rows.get(0);
		}
		LocalDate first = this.jdbc.queryForObject("SELECT MIN(valid_from) FROM account_history WHERE account_id = ?",
				LocalDate.class, accountId);
		throw new Unanswerable(first == null
				? "unknown account " + quoted(accountId) + ": no accounts.csv has ever listed it"
				: "account " + quoted(accountId) + " was not known on " + date
						+ ": accounts.csv first listed it on " + first);
	}

	private Explanation.BrandValues brandOn(String brandId, LocalDate date) {
		return this.jdbc.queryForObject("""
				SELECT brand_id, brand_name, industry, has_brand_badge, library_entry_date, valid_from, valid_to
				FROM brand_history WHERE brand_id = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)""",
				(rs, i) -> new Explanation.BrandValues(rs.getString(1), rs.getString(2), rs.getString(3),
						rs.getBoolean(4), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class),
						rs.getObject(7, LocalDate.class)),
				brandId, date, date);
	}

	private Explanation.StoreValues storeOn(String storeId, LocalDate date) {
		return this.jdbc.query("""
				SELECT store_status, refund_rate, complaint_count, valid_from, valid_to FROM store_risk_history
				WHERE store_id = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)""",
				(rs, i) -> new Explanation.StoreValues(storeId, rs.getString(1), rs.getBigDecimal(2),
						rs.getInt(3), rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class)),
				storeId, date, date)
			.stream()
			.findFirst()
			.orElse(new Explanation.StoreValues(storeId, null, null, null, null, null));
	}

	private Explanation.StatusValues statusOn(String accountId, LocalDate date) {
		return statusRow("effective_date <= ?", accountId, date)
			.orElse(new Explanation.StatusValues(Claim.ACTIVE, null, null, null, null, null, null, null));
	}

	private Optional<Explanation.StatusValues> statusRow(String dateCondition, String accountId, LocalDate date) {
		// dateCondition is one of this class's two constants, never input
		return this.jdbc.query("""
				SELECT status, effective_date, previous_status, trigger_code, clause, reason, violation_id, until_date
				FROM account_status WHERE account_id = ? AND %s ORDER BY effective_date DESC LIMIT 1""".formatted(
				dateCondition),
				(rs, i) -> new Explanation.StatusValues(rs.getString(1), rs.getObject(2, LocalDate.class),
						rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
						rs.getObject(8, LocalDate.class)),
				accountId, date)
			.stream()
			.findFirst();
	}

	private List<AccountDay.Session> sessions(String accountId, LocalDate date) {
		return this.jdbc.query("""
				SELECT session_id, started_at, ended_at, gmv_fen FROM broadcast_session
				WHERE account_id = ? AND business_date = ? ORDER BY ended_at, session_id""",
				(rs, i) -> new AccountDay.Session(rs.getString(1), rs.getObject(2, LocalDateTime.class),
						rs.getObject(3, LocalDateTime.class), rs.getLong(4)),
				accountId, date);
	}

	private static Explanation.Check check(EligibilityRule.Outcome outcome, EligibilityRule.Facts facts,
			PolicyVersions.Recorded version) {
		String value = switch (outcome.check()) {
			case POLICY_VERSION -> version == null ? "none in force" : version.version() + " (" + version.effectiveFrom()
					+ " .. " + version.effectiveTo() + ")";
			case BRAND_BADGE -> Boolean.toString(facts.hasBrandBadge());
			case INDUSTRY -> facts.industry();
			case STORE -> facts.storeId() == null ? "no store bound"
					: facts.storeId() + " " + (facts.storeStatus() == null ? "(never reported)" : facts.storeStatus());
			case ACCOUNT_STATUS -> facts.accountStatus();
		};
		return new Explanation.Check(outcome.check().name(), outcome.passed(), value, name(outcome.reason()));
	}

	private Explanation.ColdStart coldStart(AccountDay day, Policy.ColdStart rule, ColdStartRule.Evaluation evaluation,
			String grantedBefore, LocalDate date) {
		List<Explanation.ColdStartSession> sessions = new ArrayList<>();
		for (ColdStartRule.SessionCheck check : evaluation.sessions()) {
			AccountDay.Session s = check.session();
			Explanation.Previous previous = null;
			BigDecimal gap = null;
			if (check.previousEnd() != null) {
				PreviousBroadcast.Source source = PreviousBroadcast.source(this.jdbc, day.accountId(), date,
						check.previousEnd());
				previous = source == null
						? new Explanation.Previous(null, check.previousEnd(), null, null, null)
						: new Explanation.Previous(source.kind().name(), source.endedAt(), source.sessionId(),
								source.ingestedOn(), source.snapshotDate());
				gap = BigDecimal.valueOf(Duration.between(check.previousEnd(), s.startedAt()).toSeconds())
					.divide(BigDecimal.valueOf(3600), 2, RoundingMode.DOWN);
			}
			sessions.add(new Explanation.ColdStartSession(s.sessionId(), s.startedAt(), s.endedAt().toLocalDate(),
					previous, gap, rule.dormantDays() * 24, check.outcome().name()));
		}
		return new Explanation.ColdStart(evaluation.outcome().name(), rule == null ? null : rule.coupons(),
				rule == null ? null : rule.firstBroadcastWindowDays(), rule == null ? null : rule.dormantDays(),
				day.coldStartUsed(), grantedBefore, day.libraryEntryDate(), evaluation.windowEnd(),
				List.copyOf(sessions), evaluation.claimed() == null ? null : evaluation.claimed().sessionId());
	}

	private static Explanation.Growth growth(AccountDay day, Policy.Growth rule, AccountDayVerdict verdict,
			LocalDate date) {
		if (rule == null) {
			return new Explanation.Growth(verdict.growth().name(), null, null, null, 0, BigDecimal.ZERO, null, List.of(),
					null, null);
		}
		List<Explanation.GrowthSession> sessions = GrowthRule.weigh(day, rule)
			.stream()
			.map(c -> new Explanation.GrowthSession(c.session().sessionId(), c.session().gmvFen(), c.growth(),
					tiers(c, rule), c.firstTierMet()))
			.toList();
		BigDecimal mean = day.baselineSessions() == 0 ? null
				: day.baselineGmvFen().divide(BigDecimal.valueOf(day.baselineSessions()), 2, RoundingMode.DOWN);
		GrowthRule.Result claim = verdict.growthClaim();
		return new Explanation.Growth(verdict.growth().name(), rule.baselineDays(), date.minusDays(rule.baselineDays()),
				date.minusDays(1), day.baselineSessions(), day.baselineGmvFen(), mean, sessions,
				claim == null ? null : claim.session().sessionId(), claim == null ? null : claim.tier().name());
	}

	private static List<Explanation.Tier> tiers(GrowthRule.SessionCheck check, Policy.Growth rule) {
		List<Explanation.Tier> tiers = new ArrayList<>();
		for (int i = 0; i < check.tiers().size(); i++) {
			GrowthRule.TierCheck t = check.tiers().get(i);
			BigDecimal short_ = t.minGrowth() == null || check.growth() == null ? null
					: t.growthMet() ? BigDecimal.ZERO : t.minGrowth().subtract(check.growth()).max(BigDecimal.ZERO);
			tiers.add(new Explanation.Tier(t.tier(), t.met(), rule.tiers().get(i).coupons(), t.minGmvFen(),
					t.gmvShortFen(), t.minGrowth(), t.growthMet(), short_));
		}
		return List.copyOf(tiers);
	}

	private List<Explanation.BenchmarkEvent> benchmark(String accountId, LocalDate date, Policy policy) {
		Policy.Benchmark rule = policy == null ? null : policy.programs().benchmark();
		// Events filed as of the date whose outcome was still open on it, and events its run decided.
		record Filed(String eventId, LocalDateTime submitted, LocalDateTime planned, long target, String review,
				String outcome, boolean isFinal, LocalDate decidedOn, String sessionId, BigDecimal gmvPct, String grantId) {
		}
		List<Filed> events = this.jdbc.query("""
				SELECT h.event_id, h.submitted_at, h.planned_start_at, h.target_gmv_fen, h.review_status,
				  o.outcome, o.final, o.decided_on, o.session_id, o.gmv_pct, o.grant_id
				FROM benchmark_event_history h LEFT JOIN benchmark_event_outcome o ON o.event_id = h.event_id
				WHERE h.account_id = ? AND h.valid_from <= ? AND (h.valid_to IS NULL OR h.valid_to >= ?)
				  AND (o.event_id IS NULL OR NOT o.final OR o.decided_on >= ?)
				ORDER BY h.planned_start_at, h.event_id""",
				(rs, i) -> new Filed(rs.getString(1), rs.getObject(2, LocalDateTime.class),
						rs.getObject(3, LocalDateTime.class), rs.getLong(4), rs.getString(5), rs.getString(6),
						rs.getBoolean(7), rs.getObject(8, LocalDate.class), rs.getString(9), rs.getBigDecimal(10),
						rs.getString(11)),
				accountId, date, date, date);
		List<Explanation.BenchmarkEvent> answers = new ArrayList<>();
		record DaySession(String sessionId, LocalDateTime startedAt, long gmvFen, String takenBy) {
		}
		// the account's sessions of the day and the event that took each: BenchmarkRule picks the candidates
		List<DaySession> day = rule == null || events.isEmpty() ? List.of() : this.jdbc.query("""
				SELECT s.session_id, s.started_at, s.gmv_fen, o.event_id FROM broadcast_session s
				LEFT JOIN benchmark_event_outcome o ON o.session_id = s.session_id
				WHERE s.account_id = ? AND s.business_date = ? ORDER BY s.started_at, s.session_id""",
				(rs, i) -> new DaySession(rs.getString(1), rs.getObject(2, LocalDateTime.class), rs.getLong(3),
						rs.getString(4)),
				accountId, date);
		for (Filed e : events) {
			List<Explanation.Candidate> candidates = rule == null ? List.of()
					: BenchmarkRule.candidates(rule, e.planned(), day, DaySession::startedAt)
						.stream()
						.map(s -> new Explanation.Candidate(s.sessionId(), s.startedAt(),
								ChronoUnit.MINUTES.between(e.planned(), s.startedAt()),
								e.eventId().equals(s.takenBy()) ? null : s.takenBy()))
						.toList();
			List<Explanation.Milestone> milestones = List.of();
			if (e.sessionId() != null && rule != null) {
				long gmv = this.jdbc.queryForObject("SELECT gmv_fen FROM broadcast_session WHERE session_id = ?",
						Long.class, e.sessionId());
				milestones = rule.milestones()
					.stream()
					.map(m -> new Explanation.Milestone(m.pct(), m.coupons(), BenchmarkRule.gmvNeededFen(m, e.target()),
							BenchmarkRule.reached(m, e.target(), gmv)))
					.toList();
			}
			answers.add(new Explanation.BenchmarkEvent(e.eventId(), e.submitted(), e.planned(), e.target(), e.review(),
					BenchmarkRule.leadDays(e.submitted(), e.planned()), rule == null ? null : rule.minLeadDays(),
					rule == null ? null : rule.matchWindowHours(), candidates, e.outcome(), e.isFinal(), e.decidedOn(),
					e.sessionId(), e.gmvPct(), milestones, e.grantId()));
		}
		return List.copyOf(answers);
	}

	/** @param versions every recorded version by name: a grant is shown with the caps of its own */
	private List<Explanation.ClaimAnswer> claims(String accountId, LocalDate date, Map<String, Policy> versions) {
		return this.jdbc.query("""
				SELECT g.grant_id, g.program, g.session_id, g.event_id, g.tier, g.milestones_reached, g.claimed_at,
				  g.requested_coupons, c.account_status, g.pool_month, g.policy_version, g.pool_remaining_before,
				  g.brand_remaining_before, g.granted_coupons, g.status, g.reject_reason, g.limited_by,
				  g.face_value_fen, g.expires_on,
				  (SELECT COUNT(*) FROM coupon_grant a WHERE a.pool_month = g.pool_month AND a.program = g.program
				    AND a.business_date = g.business_date
				    AND (a.claimed_at < g.claimed_at OR (a.claimed_at = g.claimed_at AND a.session_id < g.session_id)))
				    AS ahead
				FROM coupon_grant g LEFT JOIN claim c ON c.grant_id = g.grant_id
				WHERE g.account_id = ? AND g.business_date = ?
				ORDER BY g.program, g.claimed_at, g.session_id""", (rs, i) -> {
			Program program = Program.valueOf(rs.getString("program"));
			Policy policy = versions.get(rs.getString("policy_version"));
			int ahead = rs.getInt("ahead");
			return new Explanation.ClaimAnswer(rs.getString("grant_id"), program.name(), rs.getString("session_id"),
					rs.getString("event_id"), rs.getString("tier"), rs.getString("milestones_reached"),
					rs.getObject("claimed_at", LocalDateTime.class), rs.getInt("requested_coupons"),
					rs.getString("account_status"), rs.getString("pool_month"), ahead + 1, ahead,
					policy == null ? null : program.monthlyCap(policy),
					policy == null ? null : program.perBrandMonthlyCap(policy),
					rs.getObject("pool_remaining_before", Integer.class),
					rs.getObject("brand_remaining_before", Integer.class), rs.getInt("granted_coupons"),
					rs.getString("status"), rs.getString("reject_reason"), rs.getString("limited_by"),
					rs.getLong("face_value_fen"),
					rs.getObject("expires_on", LocalDate.class), null);
		}, accountId, date).stream().map(c -> withLater(c)).toList();
	}

	private Explanation.ClaimAnswer withLater(Explanation.ClaimAnswer c) {
		String grant = c.grantId();
		List<Explanation.Usage> usage = this.jdbc.query("""
				SELECT as_of_date, used_coupons, reported_used_coupons FROM coupon_usage_history
				WHERE grant_id = ? ORDER BY as_of_date""",
				(rs, i) -> new Explanation.Usage(rs.getObject(1, LocalDate.class), rs.getInt(2), rs.getInt(3)), grant);
		List<Explanation.UsageAdjustment> adjustments = this.jdbc.query("""
				SELECT business_date, kind, reported_used_coupons, counted_used_coupons, excess_coupons
				FROM coupon_usage_adjustment WHERE grant_id = ? ORDER BY business_date""",
				(rs, i) -> new Explanation.UsageAdjustment(rs.getObject(1, LocalDate.class), rs.getString(2),
						rs.getInt(3), rs.getInt(4), rs.getInt(5)),
				grant);
		Explanation.Expiry expiry = this.jdbc.query(
				"SELECT business_date, expired_coupons FROM coupon_expiry WHERE grant_id = ?",
				(rs, i) -> new Explanation.Expiry(rs.getObject(1, LocalDate.class), rs.getInt(2)), grant)
			.stream()
			.findFirst()
			.orElse(null);
		List<Explanation.Clawback> clawbacks = clawbacks("grant_id = ?", grant).stream()
			.map(Explanation.ClawbackOfGrant::clawback)
			.toList();
		return new Explanation.ClaimAnswer(c.grantId(), c.program(), c.sessionId(), c.eventId(), c.tier(),
				c.milestonesReached(), c.claimedAt(), c.requestedCoupons(), c.accountStatus(), c.poolMonth(),
				c.queuePosition(), c.claimsAhead(), c.monthlyCap(), c.perBrandMonthlyCap(), c.poolRemainingBefore(),
				c.brandRemainingBefore(), c.grantedCoupons(), c.status(), c.rejectReason(), c.limitedBy(), c.faceValueFen(),
				c.expiresOn(),
				new Explanation.Later(usage, adjustments, expiry, clawbacks));
	}

	private List<Explanation.ClawbackOfGrant> clawbacks(String condition, Object... args) {
		// condition is one of this class's constants, never input
		return this.jdbc.query("""
				SELECT grant_id, business_date, clause, trigger_code, reason, violation_id, clawed_coupons,
				  unrecoverable_coupons, returned_to_pool
				FROM coupon_clawback WHERE %s ORDER BY business_date, grant_id""".formatted(condition),
				(rs, i) -> new Explanation.ClawbackOfGrant(rs.getString(1),
						new Explanation.Clawback(rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4),
								rs.getString(5), rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getBoolean(9))),
				args);
	}

	private Explanation.Risk risk(String accountId, LocalDate date) {
		return new Explanation.Risk(statusRow("effective_date = ?", accountId, date).orElse(null),
				clawbacks("account_id = ? AND business_date = ?", accountId, date));
	}

	private Explanation.Recorded recorded(String accountId, LocalDate date) {
		return this.jdbc.query("""
				SELECT takes_part, reason, cold_start, growth, growth_tier, sessions, policy_version, has_brand_badge,
				  industry, store_id, store_status, account_status
				FROM eligibility_decision WHERE business_date = ? AND account_id = ?""",
				(rs, i) -> new Explanation.Recorded(rs.getBoolean(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getInt(6), rs.getString(7),
						new EligibilityRule.Facts(rs.getBoolean(8), rs.getString(9), rs.getString(10), rs.getString(11),
								rs.getString(12))),
				date, accountId).stream().findFirst().orElse(null);
	}

	/** Where the rules, applied again to the values of the date, differ from what the run recorded. */
	private static List<String> disagreements(AccountDayVerdict verdict, AccountDay day, Explanation.Recorded recorded,
			List<Explanation.ClaimAnswer> claims, LocalDate date) {
		List<String> differences = new ArrayList<>();
		if (verdict == null) {
			if (recorded != null) {
				differences.add("the run recorded a decision for " + recorded.sessions()
						+ " session(s), but no session of the account ingested on " + date + " is stored");
			}
			return differences;
		}
		if (recorded == null) {
			differences.add("the run recorded no decision for the account's " + day.sessions().size() + " session(s)");
			return differences;
		}
		compare(differences, "sessions", day.sessions().size(), recorded.sessions());
		compare(differences, "policy_version", verdict.policy() == null ? null : verdict.policy().version(),
				recorded.policyVersion());
		compare(differences, "the values checked", day.facts(), recorded.facts());
		compare(differences, "takes_part", verdict.takesPart(), recorded.takesPart());
		compare(differences, "reason", name(verdict.reason()), recorded.reason());
		compare(differences, "cold_start", verdict.coldStart() == null ? null : name(verdict.coldStart().outcome()),
				recorded.coldStart());
		compare(differences, "growth", name(verdict.growth()), recorded.growth());
		compare(differences, "growth_tier", verdict.growthClaim() == null ? null : verdict.growthClaim().tier().name(),
				recorded.growthTier());
		List<String> expected = verdict.claims()
			.stream()
			.map(c -> c.grantId() + " " + c.requestedCoupons() + " " + c.tier())
			.sorted()
			.toList();
		List<String> stored = claims.stream()
			.filter(c -> !Program.BENCHMARK.name().equals(c.program()))
			.map(c -> c.grantId() + " " + c.requestedCoupons() + " " + c.tier())
			.sorted()
			.toList();
		compare(differences, "claims", expected, stored);
		return differences;
	}

	private static void compare(List<String> differences, String what, Object recomputed, Object recorded) {
		if (!Objects.equals(recomputed, recorded)) {
			differences.add(what + ": recomputed " + recomputed + ", recorded " + recorded);
		}
	}

	/** Where a session id never ingested was rejected, if rejected_input holds it (first column). */
	private String rejected(String sessionId) {
		String like = sessionId.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return this.jdbc.query("""
				SELECT business_date, line_number, reason FROM rejected_input
				WHERE file_name = 'broadcasts.csv' AND (raw_line LIKE CONCAT(?, ',%') OR raw_line LIKE CONCAT('"', ?, '",%'))
				ORDER BY business_date, line_number LIMIT 1""",
				(rs, i) -> "; broadcasts.csv of " + rs.getObject(1, LocalDate.class) + " line " + rs.getInt(2)
						+ " was rejected: " + rs.getString(3),
				like, like).stream().findFirst().orElse("");
	}

	private static String name(Enum<?> value) {
		return value == null ? null : value.name();
	}

	/** An id as typed, quoted, with anything unprintable shown as ? (it goes to a terminal). */
	private static String quoted(String id) {
		StringBuilder text = new StringBuilder("\"");
		id.codePoints().forEach(c -> text.appendCodePoint(Character.isISOControl(c)
				|| Character.getType(c) == Character.FORMAT ? '?' : c));
		return text.append('"').toString();
	}

}
