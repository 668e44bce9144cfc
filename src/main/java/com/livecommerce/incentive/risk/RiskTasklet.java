package com.livecommerce.incentive.risk;

import com.livecommerce.incentive.nightly.NightlyRun;
import com.livecommerce.incentive.policy.Policy;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Risk for one business date (SPEC §2.7), before any claim of the date is allocated: decides the
 * status of every account with a trigger (or with a status to lift), records each change, then
 * claws back unused coupons — all of an account's for a violation other than a content violation
 * and for a store that closed, the named session's for a content violation — and returns them
 * to their pool while its month is open. One transaction: all of it or none.
 */
public class RiskTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(RiskTasklet.class);

	private final NightlyRun run;

	private final JdbcTemplate jdbc;

	public RiskTasklet(NightlyRun run, JdbcTemplate jdbc) {
		this.run = run;
		this.jdbc = jdbc;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		LocalDate date = this.run.businessDate();
		Policy.Risk risk = this.run.policies().forIngestOn(date).risk();
		Map<String, AccountStatusRule.Facts> facts = facts(date, risk);
		List<String> disqualifiedToday = new ArrayList<>();
		int changes = 0;
		for (AccountStatusRule.Facts f : facts.values()) {
			Standing current = f.current() == null ? Standing.ACTIVE : f.current();
			Standing decided = AccountStatusRule.decide(f, risk, date);
			if (decided.differsFrom(current)) {
				record(f.accountId(), date, decided, current.status());
				changes++;
				if (decided.status() == AccountStatus.DISQUALIFIED) {
					disqualifiedToday.add(f.accountId());
				}
			}
		}
		int clawbacks = clawBack(date, disqualifiedToday);
		contribution.incrementWriteCount(changes + clawbacks);
		log.info("risk: {} accounts with a trigger or a status, {} status changes, {} clawbacks", facts.size(), changes,
				clawbacks);
		return RepeatStatus.FINISHED;
	}

	/** Every account with a store trigger, a violation that counts today, or a status other than ACTIVE. */
	private Map<String, AccountStatusRule.Facts> facts(LocalDate date, Policy.Risk risk) {
		Map<String, Builder> accounts = new TreeMap<>();
		this.jdbc.query("""
				SELECT account_id, status, reason, clause, trigger_code, violation_id, until_date FROM account_standing
				WHERE status <> 'ACTIVE'""", rs -> {
			accounts.computeIfAbsent(rs.getString(1), Builder::new).current = new Standing(
					AccountStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getString(6), rs.getObject(7, LocalDate.class));
		});
		this.jdbc.query("""
				SELECT a.account_id, a.store_id, r.store_status, r.refund_rate, r.complaint_count
				FROM account a JOIN store_risk r ON r.store_id = a.store_id
				WHERE r.store_status = 'CLOSED' OR r.refund_rate >= ? OR r.complaint_count >= ?""", rs -> {
			Builder b = accounts.computeIfAbsent(rs.getString(1), Builder::new);
			b.storeId = rs.getString(2);
			b.storeStatus = rs.getString(3);
			b.refundRate = rs.getBigDecimal(4);
			b.complaints = rs.getInt(5);
		}, risk.restrictRefundRateAtLeast(), risk.restrictComplaintsAtLeast());
		this.jdbc.query("""
				SELECT account_id, violation_id, type, occurred_date, session_id FROM violation
				WHERE type <> 'CONTENT_VIOLATION' AND occurred_date <= ?
				ORDER BY account_id, occurred_at, violation_id""", rs -> {
			Builder b = accounts.computeIfAbsent(rs.getString(1), Builder::new);
			if (b.revoking == null) {
				b.revoking = violation(rs);
			}
		}, date);
		this.jdbc.query("""
				SELECT account_id, violation_id, type, occurred_date, session_id FROM violation
				WHERE type = 'CONTENT_VIOLATION' AND occurred_date BETWEEN ? AND ?
				ORDER BY account_id, occurred_date DESC, violation_id""", rs -> {
			Builder b = accounts.computeIfAbsent(rs.getString(1), Builder::new);
			if (b.latestContent == null) {
				b.latestContent = violation(rs);
			}
		}, date.minusDays(risk.contentViolationSuspendDays() - 1L), date);
		Map<String, AccountStatusRule.Facts> facts = new LinkedHashMap<>();
		accounts.forEach((id, b) -> facts.put(id, b.build()));
		return facts;
	}

	private static AccountStatusRule.Violation violation(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new AccountStatusRule.Violation(rs.getString(2), ViolationType.valueOf(rs.getString(3)),
				rs.getObject(4, LocalDate.class), rs.getString(5));
	}

	private void record(String accountId, LocalDate date, Standing decided, AccountStatus previous) {
		this.jdbc.update("""
				INSERT INTO account_status (account_id, effective_date, status, previous_status, reason, clause, trigger_code,
				  violation_id, until_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON DUPLICATE KEY UPDATE status = VALUES(status), previous_status = VALUES(previous_status),
				  reason = VALUES(reason), clause = VALUES(clause), trigger_code = VALUES(trigger_code),
				  violation_id = VALUES(violation_id), until_date = VALUES(until_date)""", accountId, date,
				decided.status().name(), previous.name(), decided.reason(), decided.clause(), decided.triggerCode(),
				decided.violationId(), decided.untilDate());
		this.jdbc.update("""
				INSERT INTO account_standing (account_id, status, reason, clause, trigger_code, violation_id, since_date,
				  until_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				ON DUPLICATE KEY UPDATE status = VALUES(status), reason = VALUES(reason), clause = VALUES(clause),
				  trigger_code = VALUES(trigger_code), violation_id = VALUES(violation_id), since_date = VALUES(since_date),
				  until_date = VALUES(until_date)""", accountId, decided.status().name(), decided.reason(),
				decided.clause(), decided.triggerCode(), decided.violationId(), date, decided.untilDate());
	}

	/** A reason to claw back, and how strong it is: the strongest one names a grant's clawback. */
	private record Trigger(int strength, String reason, String clause, String code, String violationId) {
	}

	/**
	 * Claws back per grant, once per run, for the strongest of the day's triggers: a violation
	 * ingested today (all grants of the account, or the named session's for a content
	 * violation) or the account's store closing today (all grants).
	 */
	private int clawBack(LocalDate date, List<String> disqualifiedToday) {
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
			AccountStatusRule.Violation v = violation(rs);
			String sessionScope = v.type().clawsBackEverything() ? null : v.sessionId();
			if (!v.type().clawsBackEverything() && v.sessionId() == null) {
				return; // a content violation that names no session claws nothing back
			}
			Trigger trigger = new Trigger(v.type().clawsBackEverything() ? 3 : 1, AccountStatusRule.describe(v),
					v.type().clause(), v.type().name(), v.violationId());
			for (String grantId : grantsOf(rs.getString(1), sessionScope)) {
				strongest(byGrant, grantId, trigger);
			}
		}, date);
		int rows = 0;
		for (Map.Entry<String, Trigger> e : byGrant.entrySet()) {
			rows += clawBack(date, e.getKey(), e.getValue());
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

	/**
	 * One grant: takes what is unused, records what was used as unrecoverable, once per grant: a
	 * trigger that finds nothing left to take and nothing used that an earlier clawback has not
	 * recorded writes nothing (SPEC §2.7).
	 */
	private int clawBack(LocalDate date, String grantId, Trigger trigger) {
		Map<String, Object> b = this.jdbc.queryForMap("""
				SELECT g.account_id, g.program, g.pool_month, g.brand_id, g.session_id, v.used_coupons, v.unused_coupons,
				  (SELECT COALESCE(SUM(c.unrecoverable_coupons), 0) FROM coupon_clawback c WHERE c.grant_id = g.grant_id)
				    AS recorded_unrecoverable,
				  COALESCE(p.closed, FALSE) AS closed
				FROM coupon_grant g JOIN grant_balance v ON v.grant_id = g.grant_id
				LEFT JOIN pool_balance p ON p.pool_month = g.pool_month AND p.program = g.program
				WHERE g.grant_id = ?""", grantId);
		int unused = ((Number) b.get("unused_coupons")).intValue();
		int newlyUnrecoverable = ((Number) b.get("used_coupons")).intValue()
				- ((Number) b.get("recorded_unrecoverable")).intValue();
		if (unused <= 0 && newlyUnrecoverable <= 0) {
			return 0;
		}
		int clawed = Math.max(0, unused);
		int used = Math.max(0, newlyUnrecoverable);
		boolean open = !toBoolean(b.get("closed"));
		String poolMonth = (String) b.get("pool_month");
		String program = (String) b.get("program");
		this.jdbc.update("""
				INSERT INTO coupon_clawback (clawback_id, business_date, grant_id, account_id, program, pool_month, reason,
				  clause, trigger_code, violation_id, session_id, clawed_coupons, unrecoverable_coupons, returned_to_pool)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", "CB:" + date + ":" + grantId, date, grantId,
				b.get("account_id"), program, poolMonth, trigger.reason(), trigger.clause(), trigger.code(),
				trigger.violationId(), b.get("session_id"), clawed, used, open && clawed > 0);
		if (open && clawed > 0) {
			this.jdbc.update("UPDATE pool_balance SET returned_coupons = returned_coupons + ? WHERE pool_month = ? AND program = ?",
					clawed, poolMonth, program);
			this.jdbc.update("""
					UPDATE pool_balance SET remaining_coupons = GREATEST(0, monthly_cap - granted_coupons + returned_coupons)
					WHERE pool_month = ? AND program = ?""", poolMonth, program);
			this.jdbc.update("""
					UPDATE brand_pool_balance SET returned_coupons = returned_coupons + ?
					WHERE pool_month = ? AND program = ? AND brand_id = ?""", clawed, poolMonth, program,
					b.get("brand_id"));
		}
		return 1;
	}

	private static boolean toBoolean(Object value) {
		return value instanceof Boolean bool ? bool : ((Number) value).intValue() != 0;
	}

	/** Collects one account's facts from the queries above. */
	private static final class Builder {

		final String accountId;

		String storeId;

		String storeStatus;

		BigDecimal refundRate;

		Integer complaints;

		AccountStatusRule.Violation revoking;

		AccountStatusRule.Violation latestContent;

		Standing current;

		Builder(String accountId) {
			this.accountId = accountId;
		}

		AccountStatusRule.Facts build() {
			return new AccountStatusRule.Facts(this.accountId, this.storeId, this.storeStatus, this.refundRate,
					this.complaints, this.revoking, this.latestContent, this.current);
		}

	}

}
