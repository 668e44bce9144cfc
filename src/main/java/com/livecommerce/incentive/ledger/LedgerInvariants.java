package com.livecommerce.incentive.ledger;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger invariants of SPEC §6 for one pool month, checked in SQL over the output tables.
 * Each check returns the rows that break it, named so that an operator can find them; an empty
 * list means the month is sound. The nightly job runs them over what it wrote ({@link #checkRun}),
 * the monthly job over the whole month it closes ({@link #check}), tests after every run they
 * make. The {@code where} fragments are constants of this code, never input.
 */
public final class LedgerInvariants {

	/** At most this many offending rows are listed per check. */
	private static final int LIMIT = 20;

	private final JdbcTemplate jdbc;

	public LedgerInvariants(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Every invariant over one pool month, every row of it (the monthly job, tests). */
	public List<String> check(String poolMonth) {
		List<String> violations = new ArrayList<>();
		violations.addAll(grantsAreConsistent("pool_month = ?", poolMonth));
		violations.addAll(poolCapsHold(poolMonth));
		violations.addAll(brandCapsHold(poolMonth));
		violations.addAll(noOvertaking("pool_month = ?", poolMonth));
		violations.addAll(oneColdStartPerAccount());
		violations.addAll(poolBalancesAddUp(poolMonth));
		violations.addAll(grantBalancesAddUp("g.pool_month = ?", poolMonth));
		return violations;
	}

	/**
	 * The invariants as far as one nightly run can break them, checked over what the run wrote,
	 * so that the check costs the same on the first and the last night of a month (the monthly
	 * job then checks every row of the month with {@link #check}):
	 * <ul>
	 * <li>the run's grants are consistent and none overtook a CAP_EXHAUSTED claim;</li>
	 * <li>each pool and brand share the run granted from ends within the cap in force (within a
	 * run a pool only fills, so its end state is its fullest);</li>
	 * <li>pool_balance adds up: granted = the month's daily summaries, the run's summary = the
	 * run's grants, returned = the month's returned clawbacks (for every month the run returned
	 * coupons to);</li>
	 * <li>no account that got a cold start in the run has another one;</li>
	 * <li>every grant whose balance the run changed (usage reported, clawed back, expired)
	 * balances.</li>
	 * </ul>
	 */
	public List<String> checkRun(LocalDate date) {
		String month = YearMonth.from(date).toString();
		List<String> violations = new ArrayList<>();
		violations.addAll(grantsAreConsistent("business_date = ?", date));
		violations.addAll(noOvertaking("business_date = ?", date));
		violations.addAll(this.jdbc.query("""
				SELECT p.program, p.granted_coupons - p.returned_coupons, s.monthly_cap
				FROM pool_balance p JOIN daily_summary s ON s.business_date = ? AND s.program = p.program
				WHERE p.pool_month = ? AND s.coupons_granted > 0
				  AND p.granted_coupons - p.returned_coupons > s.monthly_cap
				ORDER BY p.program LIMIT ?""",
				(rs, i) -> "pool " + month + " " + rs.getString(1) + ": " + rs.getInt(2)
						+ " coupons granted net of returns by " + date + ", cap that day " + rs.getString(3),
				date, month, LIMIT));
		violations.addAll(this.jdbc.query("""
				SELECT b.program, b.brand_id, b.granted_coupons - b.returned_coupons, s.per_brand_monthly_cap
				FROM (SELECT DISTINCT program, brand_id FROM coupon_grant WHERE business_date = ? AND granted_coupons > 0) d
				JOIN brand_pool_balance b ON b.pool_month = ? AND b.program = d.program AND b.brand_id = d.brand_id
				JOIN daily_summary s ON s.business_date = ? AND s.program = d.program
				WHERE s.per_brand_monthly_cap IS NOT NULL AND b.granted_coupons - b.returned_coupons > s.per_brand_monthly_cap
				ORDER BY b.program, b.brand_id LIMIT ?""",
				(rs, i) -> "brand " + rs.getString(2) + " in pool " + month + " " + rs.getString(1) + ": "
						+ rs.getInt(3) + " coupons granted net by " + date + ", per-brand cap " + rs.getInt(4),
				date, month, date, LIMIT));
		violations.addAll(this.jdbc.query("""
				SELECT p.program, p.granted_coupons, COALESCE(m.granted, 0), COALESCE(s.coupons_granted, 0),
				  COALESCE(g.granted, 0)
				FROM pool_balance p
				LEFT JOIN (SELECT program, SUM(coupons_granted) AS granted FROM daily_summary
				           WHERE business_date >= ? AND business_date <= ? GROUP BY program) m ON m.program = p.program
				LEFT JOIN daily_summary s ON s.business_date = ? AND s.program = p.program
				LEFT JOIN (SELECT program, SUM(granted_coupons) AS granted FROM coupon_grant WHERE business_date = ?
				           GROUP BY program) g ON g.program = p.program
				WHERE p.pool_month = ?
				  AND (p.granted_coupons <> COALESCE(m.granted, 0) OR COALESCE(s.coupons_granted, 0) <> COALESCE(g.granted, 0))
				ORDER BY p.program LIMIT ?""",
				(rs, i) -> "pool_balance " + month + " " + rs.getString(1) + " says " + rs.getInt(2)
						+ " granted; the month's daily summaries add up to " + rs.getInt(3) + ", the summary of " + date
						+ " says " + rs.getInt(4) + " and the grants of " + date + " add up to " + rs.getInt(5),
				YearMonth.from(date).atDay(1), date, date, date, month, LIMIT));
		for (String returnedTo : this.jdbc.queryForList(
				"SELECT DISTINCT pool_month FROM coupon_clawback WHERE business_date = ? ORDER BY pool_month",
				String.class, date)) {
			violations.addAll(this.jdbc.query("""
					SELECT p.program, p.returned_coupons, COALESCE(c.returned, 0)
					FROM pool_balance p
					LEFT JOIN (SELECT program, SUM(clawed_coupons) AS returned FROM coupon_clawback
					           WHERE pool_month = ? AND returned_to_pool GROUP BY program) c ON c.program = p.program
					WHERE p.pool_month = ? AND p.returned_coupons <> COALESCE(c.returned, 0)
					ORDER BY p.program LIMIT ?""",
					(rs, i) -> "pool_balance " + returnedTo + " " + rs.getString(1) + " says " + rs.getInt(2)
							+ " returned; the clawbacks add up to " + rs.getInt(3),
					returnedTo, returnedTo, LIMIT));
		}
		violations.addAll(this.jdbc.query("""
				SELECT n.account_id, COUNT(*), GROUP_CONCAT(g.grant_id ORDER BY g.grant_id)
				FROM (SELECT DISTINCT account_id FROM coupon_grant WHERE business_date = ? AND program = 'COLD_START'
				      AND status IN ('GRANTED', 'PARTIAL')) n
				JOIN coupon_grant g ON g.account_id = n.account_id AND g.program = 'COLD_START'
				  AND g.status IN ('GRANTED', 'PARTIAL')
				GROUP BY n.account_id HAVING COUNT(*) > 1 ORDER BY n.account_id LIMIT ?""",
				(rs, i) -> "account " + rs.getString(1) + " has " + rs.getInt(2) + " cold-start grants: "
						+ rs.getString(3),
				date, LIMIT));
		violations.addAll(grantBalancesAddUp("""
				(g.grant_id IN (SELECT grant_id FROM coupon_usage WHERE as_of_date = ?)
				 OR g.grant_id IN (SELECT grant_id FROM coupon_clawback WHERE business_date = ?)
				 OR g.grant_id IN (SELECT grant_id FROM coupon_expiry WHERE business_date = ?))""", date, date, date));
		return violations;
	}

	/** Status, granted and requested agree on every grant selected by {@code where}. */
	List<String> grantsAreConsistent(String where, Object selector) {
		return this.jdbc.query("""
				SELECT grant_id, status, requested_coupons, granted_coupons FROM coupon_grant
				WHERE""" + " " + where + """
				 AND NOT (
				  (status = 'GRANTED' AND granted_coupons = requested_coupons AND granted_coupons > 0)
				  OR (status = 'PARTIAL' AND granted_coupons > 0 AND granted_coupons < requested_coupons)
				  OR (status = 'REJECTED' AND granted_coupons = 0 AND reject_reason IS NOT NULL))
				ORDER BY grant_id LIMIT ?""",
				(rs, i) -> "grant " + rs.getString(1) + ": status " + rs.getString(2) + " with " + rs.getInt(4)
						+ " of " + rs.getInt(3) + " coupons granted",
				selector, LIMIT);
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
				WHERE x.net > x.monthly_cap
				ORDER BY x.program, x.business_date LIMIT ?""",
				(rs, i) -> "pool " + poolMonth + " " + rs.getString(1) + ": " + rs.getInt(3)
						+ " coupons granted net of returns by " + rs.getString(2) + ", cap that day " + rs.getString(4),
				poolMonth, poolMonth, LIMIT);
	}

	/**
	 * The same for each brand with a per-brand cap: grants and returned clawbacks of the brand,
	 * each summed per day in one grouped pass, then accumulated day by day.
	 */
	List<String> brandCapsHold(String poolMonth) {
		return this.jdbc.query("""
				WITH moves AS (
				  SELECT program, brand_id, business_date, granted_coupons AS granted, 0 AS returned
				  FROM coupon_grant WHERE pool_month = ?
				  UNION ALL
				  SELECT c.program, g.brand_id, c.business_date, 0, c.clawed_coupons
				  FROM coupon_clawback c JOIN coupon_grant g ON g.grant_id = c.grant_id
				  WHERE c.pool_month = ? AND c.returned_to_pool),
				days AS (
				  SELECT program, brand_id, business_date, SUM(granted) AS day_granted,
				    SUM(SUM(granted) - SUM(returned)) OVER (PARTITION BY program, brand_id ORDER BY business_date) AS net
				  FROM moves GROUP BY program, brand_id, business_date)
				SELECT d.program, d.brand_id, d.business_date, d.net, s.per_brand_monthly_cap
				FROM days d JOIN daily_summary s ON s.business_date = d.business_date AND s.program = d.program
				WHERE d.day_granted > 0 AND s.per_brand_monthly_cap IS NOT NULL AND d.net > s.per_brand_monthly_cap
				ORDER BY d.program, d.brand_id, d.business_date LIMIT ?""",
				(rs, i) -> "brand " + rs.getString(2) + " in pool " + poolMonth + " " + rs.getString(1) + ": "
						+ rs.getInt(4) + " coupons granted net by " + rs.getString(3) + ", per-brand cap "
						+ rs.getInt(5),
				poolMonth, poolMonth, LIMIT);
	}

	/**
	 * Strict order: within a pool and a run, no claim rejected with CAP_EXHAUSTED comes before
	 * (by claimed_at, session_id) a claim that was granted coupons; over the grants selected by
	 * {@code where}.
	 */
	List<String> noOvertaking(String where, Object selector) {
		return this.jdbc.query("""
				SELECT x.program, x.business_date, x.first_exhausted, x.last_granted, x.pool_month FROM (
				  SELECT pool_month, program, business_date,
				    MIN(CASE WHEN reject_reason = 'CAP_EXHAUSTED'
				        THEN CONCAT(DATE_FORMAT(claimed_at, '%Y-%m-%d %H:%i:%s.%f'), ' ', session_id) END) AS first_exhausted,
				    MAX(CASE WHEN granted_coupons > 0
				        THEN CONCAT(DATE_FORMAT(claimed_at, '%Y-%m-%d %H:%i:%s.%f'), ' ', session_id) END) AS last_granted
				  FROM coupon_grant WHERE""" + " " + where + """
				 GROUP BY pool_month, program, business_date) x
				WHERE x.first_exhausted < x.last_granted
				ORDER BY x.pool_month, x.program, x.business_date LIMIT ?""",
				(rs, i) -> "pool " + rs.getString("pool_month") + " " + rs.getString(1) + " on " + rs.getString(2)
						+ ": the claim at " + rs.getString(3) + " was rejected CAP_EXHAUSTED, the later one at "
						+ rs.getString(4) + " got coupons",
				selector, LIMIT);
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
				SELECT p.program, p.granted_coupons, p.returned_coupons, COALESCE(g.granted, 0), COALESCE(c.returned, 0)
				FROM pool_balance p
				LEFT JOIN (SELECT program, SUM(granted_coupons) AS granted FROM coupon_grant WHERE pool_month = ?
				           GROUP BY program) g ON g.program = p.program
				LEFT JOIN (SELECT program, SUM(clawed_coupons) AS returned FROM coupon_clawback
				           WHERE pool_month = ? AND returned_to_pool GROUP BY program) c ON c.program = p.program
				WHERE p.pool_month = ?
				  AND (p.granted_coupons <> COALESCE(g.granted, 0) OR p.returned_coupons <> COALESCE(c.returned, 0))
				ORDER BY p.program LIMIT ?""",
				(rs, i) -> "pool_balance " + poolMonth + " " + rs.getString(1) + " says " + rs.getInt(2) + " granted, "
						+ rs.getInt(3) + " returned; the grants add up to " + rs.getInt(4) + " granted, the clawbacks to "
						+ rs.getInt(5) + " returned",
				poolMonth, poolMonth, poolMonth, LIMIT));
		// One grouped pass over the month's grants and clawbacks, not one per brand.
		violations.addAll(this.jdbc.query("""
				SELECT b.program, b.brand_id, b.granted_coupons, b.returned_coupons, COALESCE(g.granted, 0),
				  COALESCE(c.returned, 0)
				FROM brand_pool_balance b
				LEFT JOIN (SELECT program, brand_id, SUM(granted_coupons) AS granted FROM coupon_grant
				           WHERE pool_month = ? GROUP BY program, brand_id) g
				  ON g.program = b.program AND g.brand_id = b.brand_id
				LEFT JOIN (SELECT c.program, g.brand_id, SUM(c.clawed_coupons) AS returned FROM coupon_clawback c
				           JOIN coupon_grant g ON g.grant_id = c.grant_id
				           WHERE c.pool_month = ? AND c.returned_to_pool GROUP BY c.program, g.brand_id) c
				  ON c.program = b.program AND c.brand_id = b.brand_id
				WHERE b.pool_month = ?
				  AND (b.granted_coupons <> COALESCE(g.granted, 0) OR b.returned_coupons <> COALESCE(c.returned, 0))
				ORDER BY b.program, b.brand_id LIMIT ?""",
				(rs, i) -> "brand_pool_balance " + poolMonth + " " + rs.getString(1) + " " + rs.getString(2) + " says "
						+ rs.getInt(3) + " granted, " + rs.getInt(4) + " returned; the grants add up to " + rs.getInt(5)
						+ ", the clawbacks to " + rs.getInt(6),
				poolMonth, poolMonth, poolMonth, LIMIT));
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
