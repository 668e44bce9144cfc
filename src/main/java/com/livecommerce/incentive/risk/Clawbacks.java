package com.livecommerce.incentive.risk;

import com.livecommerce.incentive.allocation.Pools;
import com.livecommerce.incentive.allocation.Program;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The owner of coupon_clawback (SPEC §2.7): on a business date, the grants hit by that day's
 * triggers (a violation ingested that day: all of the account's grants, or the named session's
 * for a content violation; a store closing that day: all of its accounts' grants) lose their
 * unused coupons, which go back to their pool while its month is open ({@link Pools}).
 */
class Clawbacks {

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
		for (String accountId : disqualifiedToday) {
			for (String grantId : grantsOf(accountId, null)) {
				strongest(byGrant, grantId,
						new Trigger(2, "store of account " + accountId + " closed", "§5.2.5", "STORE_CLOSED", null));
			}
		}
		this.jdbc.query("""
				SELECT account_id, violation_id, type, occurred_date, session_id FROM violation
				WHERE business_date = ? ORDER BY violation_id""", rs -> {
			AccountStatusRule.Violation v = AccountStatuses.violation(rs);
			if (!v.type().clawsBackEverything() && v.sessionId() == null) {
				return; // a content violation that names no session claws nothing back
			}
			Trigger trigger = new Trigger(v.type().clawsBackEverything() ? 3 : 1, AccountStatusRule.describe(v),
					v.type().clause(), v.type().name(), v.violationId());
			for (String grantId : grantsOf(rs.getString(1), v.type().clawsBackEverything() ? null : v.sessionId())) {
				strongest(byGrant, grantId, trigger);
			}
		}, date);
		int rows = 0;
		for (Map.Entry<String, Trigger> e : byGrant.entrySet()) {
			rows += clawBack(date, grant(e.getKey()), e.getValue());
		}
		return rows;
	}

	private static void strongest(Map<String, Trigger> byGrant, String grantId, Trigger trigger) {
		byGrant.merge(grantId, trigger, (a, b) -> b.strength() > a.strength() ? b : a);
	}

	private List<String> grantsOf(String accountId, String sessionId) {
		return sessionId == null
				? this.jdbc.queryForList("SELECT grant_id FROM coupon_grant WHERE account_id = ? AND granted_coupons > 0",
						String.class, accountId)
				: this.jdbc.queryForList("SELECT grant_id FROM coupon_grant WHERE account_id = ? AND session_id = ?"
						+ " AND granted_coupons > 0", String.class, accountId, sessionId);
	}

	private Grant grant(String grantId) {
		return this.jdbc.queryForObject("""
				SELECT g.grant_id, g.account_id, g.program, g.pool_month, g.brand_id, g.session_id, v.unused_coupons,
				  v.used_coupons,
				  (SELECT COALESCE(SUM(c.unrecoverable_coupons), 0) FROM coupon_clawback c WHERE c.grant_id = g.grant_id)
				FROM coupon_grant g JOIN grant_balance v ON v.grant_id = g.grant_id
				WHERE g.grant_id = ?""", (rs, i) -> new Grant(rs.getString(1), rs.getString(2),
				Program.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7),
				rs.getInt(8), rs.getInt(9)), grantId);
	}

	/**
	 * One grant: takes what is unused, records what was used as unrecoverable, once per grant: a
	 * trigger that finds nothing left to take and nothing used that an earlier clawback has not
	 * recorded writes nothing (SPEC §2.7).
	 */
	private int clawBack(LocalDate date, Grant g, Trigger trigger) {
		int newlyUnrecoverable = g.used() - g.recordedUnrecoverable();
		if (g.unused() <= 0 && newlyUnrecoverable <= 0) {
			return 0;
		}
		int clawed = Math.max(0, g.unused());
		boolean returned = clawed > 0 && !this.pools.isClosed(g.poolMonth(), g.program());
		this.jdbc.update("""
				INSERT INTO coupon_clawback (clawback_id, business_date, grant_id, account_id, program, pool_month, reason,
				  clause, trigger_code, violation_id, session_id, clawed_coupons, unrecoverable_coupons, returned_to_pool)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", "CB:" + date + ":" + g.grantId(), date, g.grantId(),
				g.accountId(), g.program().name(), g.poolMonth(), trigger.reason(), trigger.clause(), trigger.code(),
				trigger.violationId(), g.sessionId(), clawed, Math.max(0, newlyUnrecoverable), returned);
		if (returned) {
			this.pools.giveBack(g.poolMonth(), new Pools.BrandShare(g.program(), g.brandId()), clawed);
		}
		return 1;
	}

}
