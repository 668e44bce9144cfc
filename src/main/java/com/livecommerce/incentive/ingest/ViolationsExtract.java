package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.risk.ViolationType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import com.livecommerce.incentive.common.SqlLists;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * violations.csv: discrete violations (§5.2.3–§5.2.7); an id delivered again on a later date keeps
 * its first row: ignored when it says the same, a bad row when it says something else.
 */
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

	/**
	 * A violation id delivered on an earlier date keeps its first values: delivered again with the
	 * same ones it is ignored (a redelivery), with other ones it is a bad row, with its reason, so
	 * that a fraud signal upstream sent twice in two ways is seen, not dropped (SPEC §3).
	 */
	@Override
	public Map<String, String> rejections(JdbcTemplate jdbc, IngestRules rules, Map<String, Violation> rows) {
		Map<String, String> rejected = new LinkedHashMap<>();
		jdbc.query("SELECT STRAIGHT_JOIN v.violation_id, v.account_id, v.type, v.occurred_at, v.session_id, v.business_date"
				+ " FROM " + SqlLists.KEYS + " JOIN violation v ON v.violation_id = keys_.k WHERE v.business_date < ?", rs -> {
					Violation first = new Violation(rs.getString(1), rs.getString(2), rs.getString(3),
							rs.getObject(4, LocalDateTime.class), rs.getString(5));
					Violation now = rows.get(first.violationId());
					if (now != null && !now.equals(first)) {
						rejected.put(first.violationId(), "violation_id '" + CsvRow.shorten(first.violationId())
								+ "' was delivered on " + rs.getObject(6, LocalDate.class) + " with other values (account "
								+ CsvRow.shorten(first.accountId()) + ", type " + first.type() + ", occurred_at "
								+ first.occurredAt() + (first.sessionId() == null ? ""
										: ", session " + CsvRow.shorten(first.sessionId()))
								+ "); a violation keeps the values it was first delivered with");
					}
				}, SqlLists.keys(rows.keySet()), rules.businessDate());
		return rejected;
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
