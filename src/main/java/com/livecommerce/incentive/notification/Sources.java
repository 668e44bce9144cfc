package com.livecommerce.incentive.notification;

import com.livecommerce.incentive.common.GroupingReader;
import com.livecommerce.incentive.common.KeyRanges;
import com.livecommerce.incentive.common.SqlLists;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the night's messages are made of, read in a stable order: sessions with their claims (one
 * group per session), status changes, clawbacks.
 */
final class Sources {

	private Sources() {
	}

	/** A session of the day with one of its claims, and the account's earlier coupons (null until looked up). */
	record ClaimRow(String sessionId, String accountId, String brandId, LocalDateTime startedAt, LocalDateTime endedAt,
			long gmvFen, int orderCount, int viewerCount, long watchMinutes, int newFollowers, String grantId,
			String program, String tier, String milestones, String eventId, int requested, int granted,
			long faceValueFen, LocalDate expiresOn, String status, String rejectReason, String limitedBy,
			EarlierCoupons earlier) {

		/** The same row with the account's earlier coupons. */
		ClaimRow withEarlier(EarlierCoupons coupons) {
			return new ClaimRow(this.sessionId, this.accountId, this.brandId, this.startedAt, this.endedAt, this.gmvFen,
					this.orderCount, this.viewerCount, this.watchMinutes, this.newFollowers, this.grantId, this.program,
					this.tier, this.milestones, this.eventId, this.requested, this.granted, this.faceValueFen,
					this.expiresOn, this.status, this.rejectReason, this.limitedBy, coupons);
		}

	}

	/** Grants the account got before the business date, and their latest usage. */
	record EarlierCoupons(long grants, long granted, long used, long impressions, long views, long interactions) {

		static final EarlierCoupons NONE = new EarlierCoupons(0, 0, 0, 0, 0, 0);

	}

	/**
	 * The earlier coupons of the given accounts (those with a claim on the business date): their
	 * grants with coupons from runs before it, and the latest usage of those. One query for a
	 * chunk's accounts: computed inside the messages' query, the server worked them out again for
	 * every claim of the day (8 s instead of 2 at a million sessions).
	 */
	static Map<String, EarlierCoupons> earlierCoupons(JdbcTemplate jdbc, LocalDate date, Collection<String> accounts) {
		Map<String, EarlierCoupons> earlier = new HashMap<>();
		if (accounts.isEmpty()) {
			return earlier;
		}
		jdbc.query("""
				SELECT STRAIGHT_JOIN eg.account_id, COUNT(*), SUM(eg.granted_coupons), SUM(COALESCE(u.used_coupons, 0)),
				  SUM(COALESCE(u.impressions, 0)), SUM(COALESCE(u.views, 0)), SUM(COALESCE(u.interactions, 0))
				FROM""" + " " + SqlLists.KEYS + """
				 JOIN coupon_grant eg ON eg.account_id = keys_.k AND eg.business_date < ? AND eg.granted_coupons > 0
				LEFT JOIN coupon_usage u ON u.grant_id = eg.grant_id
				GROUP BY eg.account_id""", rs -> {
			earlier.put(rs.getString(1), new EarlierCoupons(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
					rs.getLong(6), rs.getLong(7)));
		}, SqlLists.keys(accounts), date);
		return earlier;
	}

	record StatusRow(String accountId, String brandId, LocalDate effectiveDate, String status, String previousStatus,
			String reason, String clause, String triggerCode, String violationId, LocalDate untilDate) {
	}

	record ClawbackRow(String clawbackId, String grantId, String accountId, String brandId, String program,
			String sessionId, LocalDate grantDate, int granted, long faceValueFen, String reason, String clause,
			String triggerCode, String violationId, int clawed, int unrecoverable, boolean returnedToPool) {
	}

	/** One program's line of a brand's month (monthly_summary). */
	record StatementRow(String brandId, String brandName, String industry, String program, int claims,
			int rejectedClaims, int granted, long grantedValueFen, int clawedBack, int expired, int used, int unused) {
	}

	static GroupingReader<StatementRow, List<StatementRow>> monthlyStatements(DataSource dataSource, String poolMonth) {
		return new GroupingReader<>("monthly-statements", () -> new JdbcCursorItemReaderBuilder<StatementRow>()
			.name("monthly-statement-rows")
			.dataSource(dataSource)
			.sql("""
					SELECT m.brand_id, COALESCE(b.brand_name, m.brand_id), m.industry, m.program, m.claims, m.rejected_claims,
					  m.coupons_granted, m.granted_value_fen, m.coupons_clawed_back, m.coupons_expired, m.coupons_used,
					  m.coupons_unused
					FROM monthly_summary m LEFT JOIN brand b ON b.brand_id = m.brand_id
					WHERE m.pool_month = ? ORDER BY m.brand_id, m.program""")
			.queryArguments(poolMonth)
			.fetchSize(Integer.MIN_VALUE)
			.rowMapper((rs, i) -> new StatementRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getLong(8), rs.getInt(9), rs.getInt(10), rs.getInt(11),
					rs.getInt(12)))
			.saveState(false)
			.verifyCursorPosition(false)
			.build(), StatementRow::brandId, rows -> rows);
	}

	/** The day's sessions with claims in one range of session ids ({@link KeyRanges}). */
	static GroupingReader<ClaimRow, List<ClaimRow>> sessionRewards(DataSource dataSource, LocalDate date,
			KeyRanges.Range range) {
		return new GroupingReader<>("session-rewards", () -> new JdbcCursorItemReaderBuilder<ClaimRow>()
			.name("session-reward-rows")
			.dataSource(dataSource)
			.sql("""
					SELECT s.session_id, g.account_id, g.brand_id, s.started_at, s.ended_at, s.gmv_fen, s.order_count,
					  s.viewer_count, s.watch_minutes, s.new_followers, g.grant_id, g.program, g.tier, g.milestones_reached,
					  g.event_id, g.requested_coupons, g.granted_coupons, g.face_value_fen, g.expires_on, g.status,
					  g.reject_reason, g.limited_by
					FROM coupon_grant g
					JOIN broadcast_session s ON s.session_id = g.session_id
					WHERE g.business_date = ? AND""" + " " + range.condition("g.session_id") + """

					ORDER BY s.session_id, g.program""")
			.queryArguments(range.argumentsBetween(List.of(date), List.of()))
			.fetchSize(Integer.MIN_VALUE)
			.rowMapper(Sources::claimRow)
			.saveState(false)
			.verifyCursorPosition(false)
			.build(), ClaimRow::sessionId, rows -> rows);
	}

	static JdbcCursorItemReader<StatusRow> statusChanges(DataSource dataSource, LocalDate date) {
		return new JdbcCursorItemReaderBuilder<StatusRow>().name("status-changes")
			.dataSource(dataSource)
			.sql("""
					SELECT st.account_id, a.brand_id, st.effective_date, st.status, st.previous_status, st.reason, st.clause,
					  st.trigger_code, st.violation_id, st.until_date
					FROM account_status st JOIN account a ON a.account_id = st.account_id
					WHERE st.effective_date = ? ORDER BY st.account_id""")
			.queryArguments(date)
			.fetchSize(Integer.MIN_VALUE)
			.rowMapper((rs, i) -> new StatusRow(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
					rs.getString(9), rs.getObject(10, LocalDate.class)))
			.verifyCursorPosition(false)
			.build();
	}

	static JdbcCursorItemReader<ClawbackRow> clawbacks(DataSource dataSource, LocalDate date) {
		return new JdbcCursorItemReaderBuilder<ClawbackRow>().name("clawbacks")
			.dataSource(dataSource)
			.sql("""
					SELECT c.clawback_id, c.grant_id, c.account_id, g.brand_id, c.program, c.session_id, g.business_date,
					  g.granted_coupons, g.face_value_fen, c.reason, c.clause, c.trigger_code, c.violation_id,
					  c.clawed_coupons, c.unrecoverable_coupons, c.returned_to_pool
					FROM coupon_clawback c JOIN coupon_grant g ON g.grant_id = c.grant_id
					WHERE c.business_date = ? ORDER BY c.clawback_id""")
			.queryArguments(date)
			.fetchSize(Integer.MIN_VALUE)
			.rowMapper((rs, i) -> new ClawbackRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getObject(7, LocalDate.class), rs.getInt(8), rs.getLong(9),
					rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getInt(14),
					rs.getInt(15), rs.getBoolean(16)))
			.verifyCursorPosition(false)
			.build();
	}

	private static ClaimRow claimRow(ResultSet rs, int rowNum) throws SQLException {
		return new ClaimRow(rs.getString("session_id"), rs.getString("account_id"), rs.getString("brand_id"),
				rs.getObject("started_at", LocalDateTime.class), rs.getObject("ended_at", LocalDateTime.class),
				rs.getLong("gmv_fen"), rs.getInt("order_count"), rs.getInt("viewer_count"), rs.getLong("watch_minutes"),
				rs.getInt("new_followers"), rs.getString("grant_id"), rs.getString("program"), rs.getString("tier"),
				rs.getString("milestones_reached"), rs.getString("event_id"), rs.getInt("requested_coupons"),
				rs.getInt("granted_coupons"), rs.getLong("face_value_fen"), rs.getObject("expires_on", LocalDate.class),
				rs.getString("status"), rs.getString("reject_reason"), rs.getString("limited_by"), null);
	}

}
