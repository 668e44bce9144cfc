package com.livecommerce.incentive.ledger;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger invariants of SPEC §6 for one pool month, checked in SQL over the output tables.
 * Each check returns the rows that break it, named so that an operator can find them; an empty
 * list means the month is sound. The nightly job runs them after allocating, the monthly job
 * over the month it closes, tests after every run they make.
 */
public final class LedgerInvariants {

	/** At most this many offending rows are listed per check. */
	private static final int LIMIT = 20;

	private final JdbcTemplate jdbc;

	public LedgerInvariants(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public List<String> check(String poolMonth) {
		List<String> violations = new ArrayList<>();
		violations.addAll(grantsAreConsistent(poolMonth));
		violations.addAll(poolCapsHold(poolMonth));
		violations.addAll(brandCapsHold(poolMonth));
		violations.addAll(noOvertaking(poolMonth));
		violations.addAll(oneColdStartPerAccount());
		violations.addAll(poolBalancesAddUp(poolMonth));
		violations.addAll(grantBalancesAddUp("g.pool_month = ?", poolMonth));
		return violations;
	}

	/** Status, granted and requested agree on every grant. */
	List<String> grantsAreConsistent(String poolMonth) {
		return this.jdbc.query("""
				SELECT grant_id, status, requested_coupons, granted_coupons FROM coupon_grant
				WHERE pool_month = ? AND NOT (
				  (status = 'GRANTED' AND granted_coupons = requested_coupons AND granted_coupons > 0)
				  OR (status = 'PARTIAL' AND granted_coupons > 0 AND granted_coupons < requested_coupons)
				  OR (status = 'REJECTED' AND granted_coupons = 0 AND reject_reason IS NOT NULL))
				ORDER BY grant_id LIMIT ?""",
				(rs, i) -> "grant " + rs.getString(1) + ": status " + rs.getString(2) + " with " + rs.getInt(4)
						+ " of " + rs.getInt(3) + " coupons granted",
				poolMonth, LIMIT);
	}

	/**
	 * Right after each grant, granted − returned of the pool ≤ the cap in force that day. Within a
	 * run the pool only fills (returns come before allocation), so a run that granted anything must
	 * end within its cap. A run that granted nothing is fine even above a cap lowered by a new
	 * version: a lowered cap stops grants, it takes nothing back.
	 */
	List<String> poolCapsHold(String poolMonth) {
		return this.jdbc.query("""
				SELECT x.program, x.business_date, x.net, x.monthly_cap FROM (
				  SELECT d.program, d.business_date, s.monthly_cap,
				    d.granted - COALESCE((SELECT SUM(c.clawed_coupons) FROM coupon_clawback c
				      WHERE c.pool_month = ? AND c.program = d.program AND c.returned_to_pool
				        AND c.business_date <= d.business_date), 0) AS net
				  FROM (
				    SELECT program, business_date, SUM(granted_coupons) AS day_granted,
				      SUM(SUM(granted_coupons)) OVER (PARTITION BY program ORDER BY business_date) AS granted
				    FROM coupon_grant WHERE pool_month = ? GROUP BY program, business_date) d
				  JOIN daily_summary s ON s.business_date = d.business_date AND s.program = d.program
				  WHERE d.day_granted > 0) x
				WHERE x.monthly_cap IS NULL OR x.net > x.monthly_cap
				ORDER BY x.program, x.business_date LIMIT ?""",
				(rs, i) -> "pool " + poolMonth + " " + rs.getString(1) + ": " + rs.getInt(3)
						+ " coupons granted net of returns by " + rs.getString(2) + ", cap that day " + rs.getString(4),
				poolMonth, poolMonth, LIMIT);
	}

	List<String> brandCapsHold(String poolMonth) {
		return this.jdbc.query("""
				SELECT x.program, x.brand_id, x.business_date, x.net, x.per_brand_monthly_cap FROM (
				  SELECT d.program, d.brand_id, d.business_date, s.per_brand_monthly_cap,
				    d.granted - COALESCE((SELECT SUM(c.clawed_coupons) FROM coupon_clawback c
				      JOIN coupon_grant g ON g.grant_id = c.grant_id
				      WHERE c.pool_month = ? AND c.program = d.program AND g.brand_id = d.brand_id AND c.returned_to_pool
				        AND c.business_date <= d.business_date), 0) AS net
				  FROM (
				    SELECT program, brand_id, business_date, SUM(granted_coupons) AS day_granted,
				      SUM(SUM(granted_coupons)) OVER (PARTITION BY program, brand_id ORDER BY business_date) AS granted
				    FROM coupon_grant WHERE pool_month = ? GROUP BY program, brand_id, business_date) d
				  JOIN daily_summary s ON s.business_date = d.business_date AND s.program = d.program
				  WHERE d.day_granted > 0) x
				WHERE x.per_brand_monthly_cap IS NOT NULL AND x.net > x.per_brand_monthly_cap
				ORDER BY x.program, x.brand_id, x.business_date LIMIT ?""",
				(rs, i) -> "brand " + rs.getString(2) + " in pool " + poolMonth + " " + rs.getString(1) + ": "
						+ rs.getInt(4) + " coupons granted net by " + rs.getString(3) + ", per-brand cap "
						+ rs.getInt(5),
				poolMonth, poolMonth, LIMIT);
	}

	/**
	 * Strict order: within a pool and a run, no claim rejected with CAP_EXHAUSTED comes before
	 * (by claimed_at, session_id) a claim that was granted coupons.
	 */
	List<String> noOvertaking(String poolMonth) {
		return this.jdbc.query("""
				SELECT x.program, x.business_date, x.first_exhausted, x.last_granted FROM (
				  SELECT program, business_date,
				    MIN(CASE WHEN reject_reason = 'CAP_EXHAUSTED'
				        THEN CONCAT(DATE_FORMAT(claimed_at, '%Y-%m-%d %H:%i:%s.%f'), ' ', session_id) END) AS first_exhausted,
				    MAX(CASE WHEN granted_coupons > 0
				        THEN CONCAT(DATE_FORMAT(claimed_at, '%Y-%m-%d %H:%i:%s.%f'), ' ', session_id) END) AS last_granted
				  FROM coupon_grant WHERE pool_month = ? GROUP BY program, business_date) x
				WHERE x.first_exhausted < x.last_granted
				ORDER BY x.program, x.business_date LIMIT ?""",
				(rs, i) -> "pool " + poolMonth + " " + rs.getString(1) + " on " + rs.getString(2)
						+ ": the claim at " + rs.getString(3) + " was rejected CAP_EXHAUSTED, the later one at "
						+ rs.getString(4) + " got coupons",
				poolMonth, LIMIT);
	}

	/** At most one GRANTED or PARTIAL cold start per account, ever (all months). */
	List<String> oneColdStartPerAccount() {
		return this.jdbc.query("""
				SELECT account_id, COUNT(*), GROUP_CONCAT(grant_id ORDER BY grant_id) FROM coupon_grant
				WHERE program = 'COLD_START' AND status IN ('GRANTED', 'PARTIAL')
				GROUP BY account_id HAVING COUNT(*) > 1 ORDER BY account_id LIMIT ?""",
				(rs, i) -> "account " + rs.getString(1) + " has " + rs.getInt(2) + " cold-start grants: "
						+ rs.getString(3),
				LIMIT);
	}

	/** pool_balance and brand_pool_balance hold what the grants and the returned clawbacks add up to. */
	List<String> poolBalancesAddUp(String poolMonth) {
		List<String> violations = new ArrayList<>(this.jdbc.query("""
				SELECT x.program, x.granted_coupons, x.returned_coupons, x.granted, x.returned FROM (
				  SELECT p.program, p.granted_coupons, p.returned_coupons,
				    COALESCE((SELECT SUM(g.granted_coupons) FROM coupon_grant g
				              WHERE g.pool_month = p.pool_month AND g.program = p.program), 0) AS granted,
				    COALESCE((SELECT SUM(c.clawed_coupons) FROM coupon_clawback c
				              WHERE c.pool_month = p.pool_month AND c.program = p.program AND c.returned_to_pool), 0) AS returned
				  FROM pool_balance p WHERE p.pool_month = ?) x
				WHERE x.granted_coupons <> x.granted OR x.returned_coupons <> x.returned
				ORDER BY x.program LIMIT ?""",
				(rs, i) -> "pool_balance " + poolMonth + " " + rs.getString(1) + " says " + rs.getInt(2) + " granted, "
						+ rs.getInt(3) + " returned; the grants add up to " + rs.getInt(4) + " granted, the clawbacks to "
						+ rs.getInt(5) + " returned",
				poolMonth, LIMIT));
		violations.addAll(this.jdbc.query("""
				SELECT x.program, x.brand_id, x.granted_coupons, x.returned_coupons, x.granted, x.returned FROM (
				  SELECT b.program, b.brand_id, b.granted_coupons, b.returned_coupons,
				    COALESCE((SELECT SUM(g.granted_coupons) FROM coupon_grant g WHERE g.pool_month = b.pool_month
				              AND g.program = b.program AND g.brand_id = b.brand_id), 0) AS granted,
				    COALESCE((SELECT SUM(c.clawed_coupons) FROM coupon_clawback c JOIN coupon_grant g ON g.grant_id = c.grant_id
				              WHERE c.pool_month = b.pool_month AND c.program = b.program AND g.brand_id = b.brand_id
				                AND c.returned_to_pool), 0) AS returned
				  FROM brand_pool_balance b WHERE b.pool_month = ?) x
				WHERE x.granted_coupons <> x.granted OR x.returned_coupons <> x.returned
				ORDER BY x.program, x.brand_id LIMIT ?""",
				(rs, i) -> "brand_pool_balance " + poolMonth + " " + rs.getString(1) + " " + rs.getString(2) + " says "
						+ rs.getInt(3) + " granted, " + rs.getInt(4) + " returned; the grants add up to " + rs.getInt(5)
						+ ", the clawbacks to " + rs.getInt(6),
				poolMonth, LIMIT));
		return violations;
	}

	/**
	 * For every grant selected by {@code where} (on coupon_grant g): used + clawed back + expired +
	 * unused = granted, none negative.
	 */
	public List<String> grantBalancesAddUp(String where, Object... params) {
		Object[] args = java.util.Arrays.copyOf(params, params.length + 1);
		args[params.length] = LIMIT;
		return this.jdbc.query("""
				SELECT b.grant_id, b.granted_coupons, b.used_coupons, b.clawed_back_coupons, b.expired_coupons,
				  b.unused_coupons
				FROM coupon_grant g JOIN grant_balance b ON b.grant_id = g.grant_id
				WHERE""" + " " + where + """

				  AND (b.used_coupons < 0 OR b.clawed_back_coupons < 0 OR b.expired_coupons < 0 OR b.unused_coupons < 0)
				ORDER BY b.grant_id LIMIT ?""",
				(rs, i) -> "grant " + rs.getString(1) + ": granted " + rs.getInt(2) + " = used " + rs.getInt(3)
						+ " + clawed back " + rs.getInt(4) + " + expired " + rs.getInt(5) + " + unused " + rs.getInt(6)
						+ ", which is negative",
				args);
	}

}
