package com.livecommerce.incentive.risk;

import com.livecommerce.incentive.pools.Pools;
import com.livecommerce.incentive.policy.Program;
import com.livecommerce.incentive.common.BulkInsert;
import com.livecommerce.incentive.common.SqlLists;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * The owner of coupon_clawback (SPEC §2.7): on a business date, the grants hit by that day's
 * triggers (a violation ingested that day: all of the account's grants, or the named session's
 * for a content violation; a store closing that day: all of its accounts' grants; a grant made the
 * night before for a session an earlier content violation names) lose their unused coupons, which
 * go back to their pool while its month is open ({@link Pools}).
 *
 * <p>Set-based: the triggered grants are found with one query per {@value #BATCH} accounts (and
 * two for the violations), their balances read {@value #BATCH} at a time, the clawbacks
 * written in bulk and the coupons given back with one update per pool and brand share. A day on
 * which a tenth of the stores close costs seconds, not a query per grant.
 */
class Clawbacks {

	/** Accounts or grants per query. */
	private static final int BATCH = 1000;

	private static final BulkInsert CLAWBACKS = new BulkInsert("coupon_clawback",
			List.of("clawback_id", "business_date", "grant_id", "account_id", "program", "pool_month", "reason", "clause",
					"trigger_code", "violation_id", "session_id", "clawed_coupons", "unrecoverable_coupons",
					"returned_to_pool"));

	private final JdbcTemplate jdbc;

	private final Pools pools;

	Clawbacks(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.pools = new Pools(jdbc);
	}

	/** A reason to claw back, and how strong it is: the strongest one names a grant's clawback. */
	record Trigger(int strength, String reason, String clause, String code, String violationId) {
	}

	/** One grant as a clawback needs it. */
	record Grant(String grantId, String accountId, Program program, String poolMonth, String brandId,
			String sessionId, int unused, int used, int recordedUnrecoverable) {
	}

	/** Claws back, once per grant, for the strongest of the day's triggers; returns the clawbacks written. */
	int clawBack(LocalDate date, List<String> disqualifiedToday) {
		Map<String, Trigger> byGrant = new TreeMap<>();
		for (int from = 0; from < disqualifiedToday.size(); from += BATCH) {
			List<String> accounts = disqualifiedToday.subList(from, Math.min(from + BATCH, disqualifiedToday.size()));
			this.jdbc.query("SELECT STRAIGHT_JOIN g.account_id, g.grant_id FROM " + SqlLists.KEYS
					+ " JOIN coupon_grant g ON g.account_id = keys_.k AND g.granted_coupons > 0", rs -> {
						String accountId = rs.getString(1);
						strongest(byGrant, rs.getString(2), new Trigger(2, "store of account " + accountId + " closed",
								"§5.2.5", Triggers.STORE_CLOSED, null));
					}, SqlLists.keys(accounts));
		}
		// the day's violations in order, each with the grants of its account; a content violation
		// claws back only the grants of the session it names (none when it names none)
		RowCallbackHandler violationGrant = rs -> {
			AccountStatusRule.Violation v = AccountStatuses.violation(rs);
			if (!v.type().clawsBackEverything() && (v.sessionId() == null || !v.sessionId().equals(rs.getString(7)))) {
				return;
			}
			strongest(byGrant, rs.getString(6), new Trigger(v.type().clawsBackEverything() ? 3 : 1,
					AccountStatusRule.describe(v), v.type().clause(), v.type().name(), v.violationId()));
		};
		this.jdbc.query("""
				SELECT v.account_id, v.violation_id, v.type, v.occurred_date, v.session_id, g.grant_id, g.session_id
				FROM violation v JOIN coupon_grant g ON g.account_id = v.account_id AND g.granted_coupons > 0
				WHERE v.business_date = ? ORDER BY v.violation_id, g.grant_id""", violationGrant, date);
		// A content violation's session may be granted after the violation was seen: the session arrived late,
		// on the violation's night (its grant is made after that night's risk step) or on a later one. Such a
		// grant is clawed back the night after it was made: nights run in order without gaps, so the grants of
		// the night before are the only ones no earlier night has looked at (SPEC §2.7).
		this.jdbc.query("""
				SELECT v.account_id, v.violation_id, v.type, v.occurred_date, v.session_id, g.grant_id, g.session_id
				FROM violation v JOIN coupon_grant g ON g.session_id = v.session_id AND g.account_id = v.account_id
				  AND g.business_date = ? AND g.granted_coupons > 0
				WHERE v.type = ? AND v.business_date < ? ORDER BY v.violation_id, g.grant_id""", violationGrant,
				date.minusDays(1), ViolationType.CONTENT_VIOLATION.name(), date);
		List<String> grantIds = new ArrayList<>(byGrant.keySet());
		List<Object[]> rows = new ArrayList<>();
		Map<String, Boolean> closed = new HashMap<>();
		Map<Pools.PoolShare, Integer> returned = new LinkedHashMap<>();
		for (int from = 0; from < grantIds.size(); from += BATCH) {
			for (Grant g : grants(grantIds.subList(from, Math.min(from + BATCH, grantIds.size())))) {
				Object[] row = clawBack(date, g, byGrant.get(g.grantId()), closed);
				if (row != null) {
					rows.add(row);
					if (Boolean.TRUE.equals(row[13])) {
						returned.merge(new Pools.PoolShare(g.poolMonth(), new Pools.BrandShare(g.program(), g.brandId())),
								(Integer) row[11], Integer::sum);
					}
				}
			}
		}
		CLAWBACKS.insert(this.jdbc, rows);
		this.pools.giveBack(returned);
		return rows.size();
	}

	private static void strongest(Map<String, Trigger> byGrant, String grantId, Trigger trigger) {
		byGrant.merge(grantId, trigger, (a, b) -> b.strength() > a.strength() ? b : a);
	}

	/** The grants with their balances (grant_balance), in grant order. */
	private List<Grant> grants(List<String> grantIds) {
		return this.jdbc.query("""
				SELECT STRAIGHT_JOIN g.grant_id, g.account_id, g.program, g.pool_month, g.brand_id, g.session_id,
				  v.unused_coupons,
				  v.used_coupons,
				  (SELECT COALESCE(SUM(c.unrecoverable_coupons), 0) FROM coupon_clawback c WHERE c.grant_id = g.grant_id)
				FROM""" + " " + SqlLists.KEYS + """
				 JOIN coupon_grant g ON g.grant_id = keys_.k JOIN grant_balance v ON v.grant_id = g.grant_id
				ORDER BY g.grant_id""",
				(rs, i) -> new Grant(rs.getString(1), rs.getString(2), Program.valueOf(rs.getString(3)), rs.getString(4),
						rs.getString(5), rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getInt(9)),
				SqlLists.keys(grantIds));
	}

	/**
	 * One grant's clawback row: takes what is unused, records what was used as unrecoverable, once
	 * per grant: a trigger that finds nothing left to take and nothing used that an earlier
	 * clawback has not recorded writes nothing (SPEC §2.7; null).
	 */
	private Object[] clawBack(LocalDate date, Grant g, Trigger trigger, Map<String, Boolean> closed) {
		int newlyUnrecoverable = g.used() - g.recordedUnrecoverable();
		if (g.unused() <= 0 && newlyUnrecoverable <= 0) {
			return null;
		}
		int clawed = Math.max(0, g.unused());
		boolean returned = clawed > 0 && !closed.computeIfAbsent(g.poolMonth() + " " + g.program(),
				k -> this.pools.isClosed(g.poolMonth(), g.program()));
		return new Object[] { "CB:" + date + ":" + g.grantId(), date, g.grantId(), g.accountId(), g.program().name(),
				g.poolMonth(), trigger.reason(), trigger.clause(), trigger.code(), trigger.violationId(), g.sessionId(),
				clawed, Math.max(0, newlyUnrecoverable), returned };
	}

}
