package com.livecommerce.incentive.risk;

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
		return new Changes(facts.size(), changes, disqualifiedToday);
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
		Map<String, AccountStatusRule.Facts> facts = new TreeMap<>();
		accounts.forEach((id, b) -> facts.put(id, b.build()));
		return facts;
	}

	/** A violation row (account_id, violation_id, type, occurred_date, session_id). */
	static AccountStatusRule.Violation violation(ResultSet rs) throws SQLException {
		return new AccountStatusRule.Violation(rs.getString(2), ViolationType.valueOf(rs.getString(3)),
				rs.getObject(4, LocalDate.class), rs.getString(5));
	}

	private void record(String accountId, LocalDate date, Standing decided, AccountStatus previous) {
		this.jdbc.update("""
				INSERT INTO account_status (account_id, effective_date, status, previous_status, reason, clause, trigger_code,
				  violation_id, until_date)
				SELECT * FROM (SELECT ? AS account_id, ? AS effective_date, ? AS status, ? AS previous_status, ? AS reason,
				  ? AS clause, ? AS trigger_code, ? AS violation_id, ? AS until_date) AS new
				ON DUPLICATE KEY UPDATE status = new.status, previous_status = new.previous_status, reason = new.reason,
				  clause = new.clause, trigger_code = new.trigger_code, violation_id = new.violation_id,
				  until_date = new.until_date""", accountId, date,
				decided.status().name(), previous.name(), decided.reason(), decided.clause(), decided.triggerCode(),
				decided.violationId(), decided.untilDate());
		this.jdbc.update("""
				INSERT INTO account_standing (account_id, status, reason, clause, trigger_code, violation_id, since_date,
				  until_date)
				SELECT * FROM (SELECT ? AS account_id, ? AS status, ? AS reason, ? AS clause, ? AS trigger_code,
				  ? AS violation_id, ? AS since_date, ? AS until_date) AS new
				ON DUPLICATE KEY UPDATE status = new.status, reason = new.reason, clause = new.clause,
				  trigger_code = new.trigger_code, violation_id = new.violation_id, since_date = new.since_date,
				  until_date = new.until_date""", accountId, decided.status().name(), decided.reason(),
				decided.clause(), decided.triggerCode(), decided.violationId(), date, decided.untilDate());
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
