package com.livecommerce.incentive.simulation;

import com.livecommerce.incentive.ingest.SnapshotHistory;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fills an empty, migrated scratch schema with the state the real schema was in at the end of the
 * nightly run of a date: what a night D+1 run there needs to decide exactly as the real one did
 * (the groundwork of {@code simulate}, SPEC §5). Rows kept by date are copied up to that date;
 * the tables that hold a current state (snapshots, pools, standings, usage, last broadcasts) are
 * rebuilt as of that date from the rows kept by date and the *_history tables. Set-based, one
 * statement per table, server side: the two schemas are on one server and the user reads the real
 * one. Notifications and the job repository are not copied (a simulation sends nothing and keeps
 * its own runs). Reads the real schema only.
 */
public final class StateAsOf {

	/** Tables copied row for row up to the date, with the column that dates each row. */
	private static final List<String[]> BY_DATE = List.of(new String[] { "broadcast_session", "business_date" },
			new String[] { "violation", "business_date" }, new String[] { "account_day_total", "business_date" },
			new String[] { "claim_baseline", "business_date" }, new String[] { "claim", "business_date" },
			new String[] { "coupon_grant", "business_date" }, new String[] { "coupon_clawback", "business_date" },
			new String[] { "coupon_expiry", "business_date" }, new String[] { "coupon_usage_history", "as_of_date" },
			new String[] { "coupon_usage_adjustment", "business_date" }, new String[] { "account_status", "effective_date" },
			new String[] { "eligibility_decision", "business_date" }, new String[] { "daily_summary", "business_date" },
			new String[] { "rejected_input", "business_date" }, new String[] { "ingest_file", "business_date" },
			new String[] { "ingest_redelivery", "business_date" }, new String[] { "ingest_repeat", "business_date" },
			new String[] { "benchmark_event_outcome", "decided_on" },
			new String[] { "policy_version", "first_used_on" }, new String[] { "policy_version_change", "changed_on" });

	private StateAsOf() {
	}

	/**
	 * Copies the state of {@code real} at the end of the night of {@code date} into the schema
	 * {@code scratch} runs on (its tables empty).
	 *
	 * @param real the real schema's name (checked: letters, digits, _ and $ only)
	 */
	public static void copy(JdbcTemplate scratch, String real, LocalDate date) {
		String r = ScratchSchema.qualifier(real);
		LocalDate next = date.plusDays(1);
		for (String[] table : BY_DATE) {
			// benchmark outcomes are rewritten until final: one decided later was not final then, and
			// the next night decides every event without a final outcome again
			scratch.update("INSERT INTO " + table[0] + " SELECT * FROM " + r + table[0] + " WHERE " + table[1] + " <= ?",
					date);
		}
		// a version whose dates moved after the date still had its earlier end then
		scratch.update("""
				UPDATE policy_version v JOIN (
				  SELECT c.version, c.old_effective_to FROM %1$spolicy_version_change c
				  WHERE c.changed_on > ? AND c.change_no = (SELECT MIN(f.change_no) FROM %1$spolicy_version_change f
				    WHERE f.version = c.version AND f.changed_on > ?)) x ON x.version = v.version
				SET v.effective_to = x.old_effective_to""".formatted(r), date, date);
		for (String table : SnapshotHistory.TABLES) {
			scratch.update("INSERT INTO " + table + " SELECT * FROM " + r + table + " WHERE valid_from <= ?", date);
			scratch.update("UPDATE " + table + " SET valid_to = NULL WHERE valid_to >= ?", date);
		}
		// the latest snapshots: the history rows open at the end of the date. The date a row was last
		// listed is kept only as of today: the real one when it is not later than the date, else the
		// date (exact unless an id was missing from the date's snapshot and listed again later; no
		// rule reads it but the benchmark snapshot test "listed today", which only compares it with
		// the next night)
		scratch.update("""
				INSERT INTO brand (brand_id, brand_name, industry, has_brand_badge, library_entry_date, snapshot_date)
				SELECT h.brand_id, h.brand_name, h.industry, h.has_brand_badge, h.library_entry_date,
				  LEAST(COALESCE(x.snapshot_date, ?), ?)
				FROM brand_history h LEFT JOIN %1$sbrand x ON x.brand_id = h.brand_id WHERE h.valid_to IS NULL""".formatted(r),
				date, date);
		scratch.update("""
				INSERT INTO account (account_id, brand_id, store_id, last_broadcast_ended_at, cold_start_used, snapshot_date)
				SELECT h.account_id, h.brand_id, h.store_id, h.last_broadcast_ended_at, h.cold_start_used,
				  LEAST(COALESCE(x.snapshot_date, ?), ?)
				FROM account_history h LEFT JOIN %1$saccount x ON x.account_id = h.account_id
				WHERE h.valid_to IS NULL""".formatted(r), date, date);
		scratch.update("""
				INSERT INTO store_risk (store_id, store_status, refund_rate, complaint_count, as_of_date)
				SELECT h.store_id, h.store_status, h.refund_rate, h.complaint_count, LEAST(COALESCE(x.as_of_date, ?), ?)
				FROM store_risk_history h LEFT JOIN %1$sstore_risk x ON x.store_id = h.store_id
				WHERE h.valid_to IS NULL""".formatted(r), date, date);
		scratch.update("""
				INSERT INTO benchmark_event (event_id, account_id, submitted_at, planned_start_at, target_gmv_fen,
				  review_status, snapshot_date)
				SELECT h.event_id, h.account_id, h.submitted_at, h.planned_start_at, h.target_gmv_fen, h.review_status,
				  LEAST(COALESCE(x.snapshot_date, ?), ?)
				FROM benchmark_event_history h LEFT JOIN %1$sbenchmark_event x ON x.event_id = h.event_id
				WHERE h.valid_to IS NULL""".formatted(r), date, date);
		// statuses: the latest change of each account up to the date
		scratch.update("""
				INSERT INTO account_standing (account_id, status, reason, clause, trigger_code, violation_id, since_date,
				  until_date)
				SELECT s.account_id, s.status, s.reason, s.clause, s.trigger_code, s.violation_id, s.effective_date,
				  s.until_date
				FROM account_status s
				WHERE s.effective_date = (SELECT MAX(l.effective_date) FROM account_status l WHERE l.account_id = s.account_id)""");
		// usage: the latest delivery of each grant up to the date
		scratch.update("""
				INSERT INTO coupon_usage (grant_id, used_coupons, reported_used_coupons, impressions, views, interactions,
				  as_of_date)
				SELECT u.grant_id, u.used_coupons, u.reported_used_coupons, u.impressions, u.views, u.interactions, u.as_of_date
				FROM coupon_usage_history u
				WHERE u.as_of_date = (SELECT MAX(l.as_of_date) FROM coupon_usage_history l WHERE l.grant_id = u.grant_id)""");
		// the latest broadcast known of each account (ColdStartRule), as the apply steps left it
		scratch.update("""
				INSERT INTO account_last_broadcast (account_id, snapshot_ended_at, session_ended_at, session_ended_before_run,
				  run_date)
				SELECT a.account_id, h.ended_at, s.ended_at,
				  (SELECT MAX(b.ended_at) FROM broadcast_session b WHERE b.account_id = a.account_id
				   AND b.business_date < s.run_date),
				  s.run_date
				FROM (SELECT account_id FROM broadcast_session UNION
				      SELECT account_id FROM account_history WHERE last_broadcast_ended_at IS NOT NULL) a
				LEFT JOIN (SELECT account_id, MAX(ended_at) AS ended_at, MAX(business_date) AS run_date
				           FROM broadcast_session GROUP BY account_id) s ON s.account_id = a.account_id
				LEFT JOIN (SELECT account_id, MAX(last_broadcast_ended_at) AS ended_at FROM account_history
				           GROUP BY account_id) h ON h.account_id = a.account_id""");
		// pools: what the grants and clawbacks up to the date drew and returned; a month is closed
		// only if the month after it had begun (the monthly job runs after a month's last night)
		scratch.update("""
				INSERT INTO pool_balance (pool_month, program, monthly_cap, granted_coupons, returned_coupons,
				  remaining_coupons, closed, last_business_date)
				SELECT p.pool_month, p.program, p.monthly_cap, COALESCE(g.granted, 0), COALESCE(c.returned, 0),
				  GREATEST(0, p.monthly_cap - COALESCE(g.granted, 0) + COALESCE(c.returned, 0)),
				  p.closed AND p.pool_month < ?, d.last_night
				FROM %1$spool_balance p
				JOIN (SELECT DATE_FORMAT(business_date, '%%Y-%%m') AS pool_month, program, MAX(business_date) AS last_night
				      FROM daily_summary GROUP BY DATE_FORMAT(business_date, '%%Y-%%m'), program) d
				  ON d.pool_month = p.pool_month AND d.program = p.program
				LEFT JOIN (SELECT pool_month, program, SUM(granted_coupons) AS granted FROM coupon_grant
				           GROUP BY pool_month, program) g ON g.pool_month = p.pool_month AND g.program = p.program
				LEFT JOIN (SELECT pool_month, program, SUM(clawed_coupons) AS returned FROM coupon_clawback
				           WHERE returned_to_pool GROUP BY pool_month, program) c
				  ON c.pool_month = p.pool_month AND c.program = p.program""".formatted(r), YearMonth.from(next).toString());
		scratch.update("""
				INSERT INTO brand_pool_balance (pool_month, program, brand_id, granted_coupons, returned_coupons)
				SELECT g.pool_month, g.program, g.brand_id, SUM(g.granted_coupons),
				  COALESCE((SELECT SUM(c.clawed_coupons) FROM coupon_clawback c JOIN coupon_grant o ON o.grant_id = c.grant_id
				            WHERE c.returned_to_pool AND o.pool_month = g.pool_month AND o.program = g.program
				              AND o.brand_id = g.brand_id), 0)
				FROM coupon_grant g GROUP BY g.pool_month, g.program, g.brand_id""");
		// when a pool ran dry and a brand reached its cap are kept from the first time: as of the
		// date, what the real tables say if it happened on or before it; the caps as the pools' are
		scratch.update("""
				UPDATE pool_balance p JOIN %1$spool_balance x ON x.pool_month = p.pool_month AND x.program = p.program
				SET p.ran_dry_at = x.ran_dry_at, p.ran_dry_on = x.ran_dry_on WHERE x.ran_dry_on <= ?""".formatted(r), date);
		scratch.update("""
				UPDATE brand_pool_balance b JOIN %1$sbrand_pool_balance x
				  ON x.pool_month = b.pool_month AND x.program = b.program AND x.brand_id = b.brand_id
				SET b.per_brand_monthly_cap = x.per_brand_monthly_cap,
				  b.reached_at = CASE WHEN x.reached_on <= ? THEN x.reached_at END,
				  b.reached_on = CASE WHEN x.reached_on <= ? THEN x.reached_on END""".formatted(r), date, date);
	}

}
