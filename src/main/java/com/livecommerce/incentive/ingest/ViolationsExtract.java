package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.risk.ViolationType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** violations.csv: discrete violations (§5.2.3–§5.2.7); an id delivered again keeps its first row. */
final class ViolationsExtract extends Extract<ViolationsExtract.Violation> {

	ViolationsExtract() {
		super(InputFile.VIOLATIONS, "stg_violation", Violation::violationId, "violation_id", "account_id", "type", "occurred_at", "occurred_date",
				"session_id");
	}

	record Violation(String violationId, String accountId, String type, LocalDateTime occurredAt, String sessionId) {
	}

	@Override
	public Violation parse(CsvRow row, IngestRules rules) {
		Violation v = new Violation(row.id("violation_id"), row.id("account_id"), row.oneOf("type", ViolationType.NAMES),
				row.timestamp("occurred_at"), row.optionalId("session_id"));
		if (v.occurredAt().toLocalDate().isAfter(rules.businessDate())) {
			throw new BadRowException("occurred_at " + v.occurredAt() + " (Asia/Shanghai) is after the business date "
					+ rules.businessDate());
		}
		return v;
	}

	@Override
	public List<Reference<Violation>> references() {
		return List.of(new Reference<>("account_id", Violation::accountId, InputFile.ACCOUNTS, "stg_account",
				"account_id", "account"));
	}

	@Override
	protected Object[] values(Violation v) {
		return new Object[] { v.violationId(), v.accountId(), v.type(), v.occurredAt(),
				v.occurredAt().toLocalDate(), v.sessionId() };
	}

	@Override
	public List<String> applyStatements() {
		return List.of("""
				INSERT INTO violation (violation_id, account_id, type, occurred_at, occurred_date, session_id, business_date)
				SELECT s.violation_id, s.account_id, s.type, s.occurred_at, s.occurred_date, s.session_id, s.business_date
				FROM stg_violation s WHERE s.business_date = ?
				  AND NOT EXISTS (SELECT 1 FROM violation v WHERE v.violation_id = s.violation_id)""");
	}

}
