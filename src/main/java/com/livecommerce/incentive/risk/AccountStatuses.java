package com.livecommerce.incentive.risk;

import com.livecommerce.incentive.common.BulkInsert;
import com.livecommerce.incentive.policy.Policy;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The owner of account_status and account_standing (SPEC §2.7): on a business date, every account
 * with a trigger (a store over the thresholds or closed, a violation that counts that day) or with
 * a status to lift gets its status decided by {@link AccountStatusRule}; each change is recorded.
 */
class AccountStatuses {

	private final JdbcTemplate jdbc;

	AccountStatuses(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** What {@link #decide} changed. */
	record Changes(int accountsWithFacts, int changes, List<String> disqualifiedToday) {
	}

	/** Decides and records the statuses of {@code date}; returns what changed. */
	Changes decide(LocalDate date, Policy.Risk risk) {
		Map<String, AccountStatusRule.Facts> facts = facts(date, risk);
		List<String> disqualifiedToday = new ArrayList<>();
		List<Object[]> changes = new ArrayList<>();
		List<Object[]> standings = new ArrayList<>();
		for (AccountStatusRule.Facts f : facts.values()) {
			Standing current = f.current() == null ? Standing.ACTIVE : f.current();
			Standing decided = AccountStatusRule.decide(f, risk, date);
			if (decided.differsFrom(current)) {
				changes.add(new Object[] { f.accountId(), date, decided.status().name(), current.status().name(),
						decided.reason(), decided.clause(), decided.triggerCode(), decided.violationId(),
						decided.untilDate() });
				standings.add(new Object[] { f.accountId(), decided.status().name(), decided.reason(), decided.clause(),
						decided.triggerCode(), decided.violationId(), date, decided.untilDate() });
				if (decided.status() == AccountStatus.DISQUALIFIED) {
					disqualifiedToday.add(f.accountId());
				}
			}
		}
		STATUS_CHANGES.insert(this.jdbc, changes);
		STANDINGS.insert(this.jdbc, standings);
		return new Changes(facts.size(), changes.size(), disqualifiedToday);
	}

	/** One row per change; a restarted step (one transaction) writes the same rows again over them. */
	private static final BulkInsert STATUS_CHANGES = BulkInsert.upsert("account_status",
			List.of("account_id", "effective_date", "status", "previous_status", "reason", "clause", "trigger_code",
					"violation_id", "until_date"),
			"""
					status = new.status, previous_status = new.previous_status, reason = new.reason, clause = new.clause,
					  trigger_code = new.trigger_code, violation_id = new.violation_id, until_date = new.until_date""");

	/** The account's current status (an account without a row is ACTIVE). */
	private static final BulkInsert STANDINGS = BulkInsert.upsert("account_standing",
			List.of("account_id", "status", "reason", "clause", "trigger_code", "violation_id", "since_date", "until_date"),
			"""
					status = new.status, reason = new.reason, clause = new.clause, trigger_code = new.trigger_code,
					  violation_id = new.violation_id, since_date = new.since_date, until_date = new.until_date""");

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
		Map<String, AccountStatusRule.Facts> facts = new TreeMap<>();
		accounts.forEach((id, b) -> facts.put(id, b.build()));
		return facts;
	}

	/** A violation row (account_id, violation_id, type, occurred_date, session_id). */
	static AccountStatusRule.Violation violation(ResultSet rs) throws SQLException {
		return new AccountStatusRule.Violation(rs.getString(2), ViolationType.valueOf(rs.getString(3)),
				rs.getObject(4, LocalDate.class), rs.getString(5));
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
