package com.livecommerce.incentive.explain;

import com.livecommerce.incentive.allocation.AccountDay;
import com.livecommerce.incentive.allocation.Claim;
import com.livecommerce.incentive.allocation.ColdStartUsed;
import com.livecommerce.incentive.allocation.EligibilityRule;
import com.livecommerce.incentive.allocation.PreviousBroadcast;
import com.livecommerce.incentive.ingest.SnapshotHistory;
import com.livecommerce.incentive.policy.Policy;
import com.livecommerce.incentive.policy.PolicyVersions;
import com.livecommerce.incentive.policy.Program;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The state of an account on a business date as the database keeps it, read for explain: the
 * values of the *_history tables in force on the date, the sessions its run ingested, what its
 * run recorded (eligibility_decision, coupon_grant and what became of each grant), the recorded
 * policy versions. Reads only; no rule here (the rules are applied by {@link Explainer}).
 */
final class StoredState {

	private final JdbcTemplate jdbc;

	StoredState(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	record Ingested(String accountId, LocalDate date) {
	}

	/** The account and business date of the run that ingested the session. */
	Optional<Ingested> ingested(String sessionId) {
		return this.jdbc.query("SELECT account_id, business_date FROM broadcast_session WHERE session_id = ?",
				(rs, i) -> new Ingested(rs.getString(1), rs.getObject(2, LocalDate.class)), sessionId)
			.stream()
			.findFirst();
	}

	List<PolicyVersions.Recorded> recordedVersions() {
		return new PolicyVersions(this.jdbc).recorded();
	}

	/** The account's sessions and GMV that ended in the growth baseline window, ingested by earlier runs. */
	record Baseline(long sessions, BigDecimal gmvFen) {
	}

	Baseline baseline(String accountId, LocalDate date, int baselineDays) {
		Map<String, Object> baseline = this.jdbc.queryForMap("""
				SELECT COALESCE(SUM(sessions), 0) AS sessions, COALESCE(SUM(gmv_fen), 0) AS gmv_fen FROM account_day_total
				WHERE account_id = ? AND end_date >= ? AND end_date < ? AND business_date < ?""", accountId,
				date.minusDays(baselineDays), date, date);
		return new Baseline(((Number) baseline.get("sessions")).longValue(),
				new BigDecimal(baseline.get("gmv_fen").toString()));
	}

	/** The first cold-start grant of the account before the date, if any. */
	String coldStartGrantedBefore(String accountId, LocalDate date) {
		return this.jdbc.query("""
				SELECT grant_id FROM coupon_grant WHERE account_id = ? AND program = ?
				  AND status IN ('GRANTED', 'PARTIAL') AND business_date < ? ORDER BY business_date, grant_id LIMIT 1""",
				(rs, i) -> rs.getString(1), accountId, Program.COLD_START.name(), date).stream().findFirst().orElse(null);
	}

	LocalDateTime latestKnownEnd(String accountId, LocalDate date) {
		return PreviousBroadcast.latestKnownEnd(this.jdbc, accountId, date);
	}

	LocalDateTime knownEndBefore(String accountId, LocalDate date, LocalDateTime before) {
		return PreviousBroadcast.knownEndBefore(this.jdbc, accountId, date, before);
	}

	PreviousBroadcast.Source previousSource(String accountId, LocalDate date, LocalDateTime end) {
		return PreviousBroadcast.source(this.jdbc, accountId, date, end);
	}

	boolean coldStartUsed(String accountId, LocalDate date) {
		return ColdStartUsed.since(this.jdbc, accountId, date).isPresent();
	}

	/** An event filed as of the date, with its outcome as recorded. */
	record FiledEvent(String eventId, LocalDateTime submitted, LocalDateTime planned, long target, String review,
			String outcome, boolean isFinal, LocalDate decidedOn, String sessionId, BigDecimal gmvPct, String grantId) {
	}

	/** Events filed as of the date whose outcome was still open on it, and events its run decided. */
	List<FiledEvent> benchmarkEvents(String accountId, LocalDate date) {
		return this.jdbc.query("""
				SELECT h.event_id, h.submitted_at, h.planned_start_at, h.target_gmv_fen, h.review_status,
				  o.outcome, o.final, o.decided_on, o.session_id, o.gmv_pct, o.grant_id
				FROM benchmark_event_history h LEFT JOIN benchmark_event_outcome o ON o.event_id = h.event_id
				WHERE h.account_id = ? AND %s
				  AND (o.event_id IS NULL OR NOT o.final OR o.decided_on >= ?)
				ORDER BY h.planned_start_at, h.event_id""".formatted(SnapshotHistory.inForce("h")),
				(rs, i) -> new FiledEvent(rs.getString(1), rs.getObject(2, LocalDateTime.class),
						rs.getObject(3, LocalDateTime.class), rs.getLong(4), rs.getString(5), rs.getString(6),
						rs.getBoolean(7), rs.getObject(8, LocalDate.class), rs.getString(9), rs.getBigDecimal(10),
						rs.getString(11)),
				accountId, date, date, date);
	}

	/** A session of the day and the event that took it, if one did. */
	record DaySession(String sessionId, LocalDateTime startedAt, long gmvFen, String takenBy) {
	}

	List<DaySession> sessionsWithEvents(String accountId, LocalDate date) {
		return this.jdbc.query("""
				SELECT s.session_id, s.started_at, s.gmv_fen, o.event_id FROM broadcast_session s
				LEFT JOIN benchmark_event_outcome o ON o.session_id = s.session_id
				WHERE s.account_id = ? AND s.business_date = ? ORDER BY s.started_at, s.session_id""",
				(rs, i) -> new DaySession(rs.getString(1), rs.getObject(2, LocalDateTime.class), rs.getLong(3),
						rs.getString(4)),
				accountId, date);
	}

	long gmvFen(String sessionId) {
		return this.jdbc.queryForObject("SELECT gmv_fen FROM broadcast_session WHERE session_id = ?", Long.class,
				sessionId);
	}

	Explanation.AccountValues accountOn(String accountId, LocalDate date) {
		List<Explanation.AccountValues> rows = this.jdbc.query("""
				SELECT brand_id, store_id, last_broadcast_ended_at, cold_start_used, valid_from, valid_to FROM account_history
				WHERE account_id = ? AND %s""".formatted(SnapshotHistory.inForce("")),
				(rs, i) -> new Explanation.AccountValues(rs.getString(1), rs.getString(2),
						rs.getObject(3, LocalDateTime.class), rs.getBoolean(4), rs.getObject(5, LocalDate.class),
						rs.getObject(6, LocalDate.class)),
				accountId, date, date);
		if (!rows.isEmpty()) {
			return rows.get(0);
		}
		LocalDate first = this.jdbc.queryForObject("SELECT MIN(valid_from) FROM account_history WHERE account_id = ?",
				LocalDate.class, accountId);
		throw new Explainer.Unanswerable(first == null
				? "unknown account " + quoted(accountId) + ": no accounts.csv has ever listed it"
				: "account " + quoted(accountId) + " was not known on " + date
						+ ": accounts.csv first listed it on " + first);
	}

	Explanation.BrandValues brandOn(String brandId, LocalDate date) {
		return this.jdbc.queryForObject("""
				SELECT brand_id, brand_name, industry, has_brand_badge, library_entry_date, valid_from, valid_to
				FROM brand_history WHERE brand_id = ? AND %s""".formatted(SnapshotHistory.inForce("")),
				(rs, i) -> new Explanation.BrandValues(rs.getString(1), rs.getString(2), rs.getString(3),
						rs.getBoolean(4), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class),
						rs.getObject(7, LocalDate.class)),
				brandId, date, date);
	}

	Explanation.StoreValues storeOn(String storeId, LocalDate date) {
		return this.jdbc.query("""
				SELECT store_status, refund_rate, complaint_count, valid_from, valid_to FROM store_risk_history
				WHERE store_id = ? AND %s""".formatted(SnapshotHistory.inForce("")),
				(rs, i) -> new Explanation.StoreValues(storeId, rs.getString(1), rs.getBigDecimal(2),
						rs.getInt(3), rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class)),
				storeId, date, date)
			.stream()
			.findFirst()
			.orElse(new Explanation.StoreValues(storeId, null, null, null, null, null));
	}

	Explanation.StatusValues statusOn(String accountId, LocalDate date) {
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

	List<AccountDay.Session> sessions(String accountId, LocalDate date) {
		return this.jdbc.query("""
				SELECT session_id, started_at, ended_at, gmv_fen FROM broadcast_session
				WHERE account_id = ? AND business_date = ? ORDER BY ended_at, session_id""",
				(rs, i) -> new AccountDay.Session(rs.getString(1), rs.getObject(2, LocalDateTime.class),
						rs.getObject(3, LocalDateTime.class), rs.getLong(4)),
				accountId, date);
	}

	/** @param versions every recorded version by name: a grant is shown with the caps of its own */
	List<Explanation.ClaimAnswer> claims(String accountId, LocalDate date, Map<String, Policy> versions) {
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

	Explanation.Risk risk(String accountId, LocalDate date) {
		return new Explanation.Risk(statusRow("effective_date = ?", accountId, date).orElse(null),
				clawbacks("account_id = ? AND business_date = ?", accountId, date));
	}

	Explanation.Recorded recorded(String accountId, LocalDate date) {
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

	/** Where a session id never ingested was rejected, if rejected_input holds it (first column). */
	String rejected(String sessionId) {
		String like = sessionId.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return this.jdbc.query("""
				SELECT business_date, line_number, reason FROM rejected_input
				WHERE file_name = 'broadcasts.csv' AND (raw_line LIKE CONCAT(?, ',%') OR raw_line LIKE CONCAT('"', ?, '",%'))
				ORDER BY business_date, line_number LIMIT 1""",
				(rs, i) -> "; broadcasts.csv of " + rs.getObject(1, LocalDate.class) + " line " + rs.getInt(2)
						+ " was rejected: " + rs.getString(3),
				like, like).stream().findFirst().orElse("");
	}

	/** An id as typed, quoted, with anything unprintable shown as ? (it goes to a terminal). */
	static String quoted(String id) {
		StringBuilder text = new StringBuilder("\"");
		id.codePoints().forEach(c -> text.appendCodePoint(Character.isISOControl(c)
				|| Character.getType(c) == Character.FORMAT ? '?' : c));
		return text.append('"').toString();
	}

}
