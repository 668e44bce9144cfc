package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.common.GroupingReader;
import com.livecommerce.incentive.common.HashPartitions;
import com.livecommerce.incentive.runs.NightlyRun;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;

/**
 * Streams every session of the business date, ordered by account, and hands them out one account
 * at a time ({@link AccountDay}), with the values the eligibility checks look at, the account's
 * status, baseline and cold-start history joined in. Ineligible accounts are read too: their
 * decision is recorded (eligibility_decision), and so is a day without a version in force.
 */
final class AccountDayReader {

	private AccountDayReader() {
	}

	record Row(String accountId, String brandId, EligibilityRule.Facts facts, LocalDate libraryEntryDate,
			LocalDateTime latestKnownEnd, boolean coldStartUsed, boolean coldStartGranted, long baselineSessions,
			BigDecimal baselineGmvFen, AccountDay.Session session) {
	}

	/** The accounts of one part of the day ({@link HashPartitions}: {@code part} of {@code parts}). */
	static GroupingReader<Row, AccountDay> create(DataSource dataSource, NightlyRun run, int part, int parts) {
		return new GroupingReader<>("account-days", () -> rows(dataSource, run, part, parts), Row::accountId,
				AccountDayReader::group);
	}

	private static AccountDay group(List<Row> rows) {
		Row first = rows.get(0);
		return new AccountDay(first.accountId(), first.brandId(), first.facts(), first.libraryEntryDate(),
				first.latestKnownEnd(), first.coldStartUsed(), first.coldStartGranted(), first.baselineSessions(),
				first.baselineGmvFen(), rows.stream().map(Row::session).toList());
	}

	/**
	 * The day's sessions in order of account, then end, then id: the primary key's order (end_date
	 * is the date of ended_at, so it orders nothing that ended_at does not), read as one range.
	 */
	private static JdbcCursorItemReader<Row> rows(DataSource dataSource, NightlyRun run, int part, int parts) {
		LocalDate date = run.businessDate();
		return new JdbcCursorItemReaderBuilder<Row>().name("account-day-rows")
			.dataSource(dataSource)
			.sql("""
					SELECT STRAIGHT_JOIN s.account_id, a.brand_id, b.has_brand_badge, b.industry, a.store_id,
					  r.store_status, b.library_entry_date,
					  CASE WHEN lb.run_date = ? THEN lb.session_ended_before_run ELSE lb.session_ended_at END AS stored_end,
					  lb.snapshot_ended_at, a.cold_start_used,
					  EXISTS (SELECT 1 FROM coupon_grant g WHERE g.account_id = s.account_id AND g.program = 'COLD_START'
					          AND g.status IN ('GRANTED', 'PARTIAL')) AS cold_start_granted,
					  COALESCE(st.status, 'ACTIVE') AS account_status,
					  COALESCE(bl.sessions, 0) AS baseline_sessions, COALESCE(bl.gmv_fen, 0) AS baseline_gmv_fen,
					  s.session_id, s.started_at, s.ended_at, s.gmv_fen
					FROM broadcast_session s
					JOIN account a ON a.account_id = s.account_id
					JOIN brand b ON b.brand_id = a.brand_id
					LEFT JOIN store_risk r ON r.store_id = a.store_id
					LEFT JOIN account_standing st ON st.account_id = s.account_id
					LEFT JOIN claim_baseline bl ON bl.business_date = ? AND bl.account_id = s.account_id
					LEFT JOIN account_last_broadcast lb ON lb.account_id = s.account_id
					WHERE s.business_date = ? AND""" + " " + HashPartitions.condition("s.account_id") + """

					ORDER BY s.account_id, s.end_date, s.ended_at, s.session_id""")
			.queryArguments(List.of(date, date, date, parts, part))
			.fetchSize(Integer.MIN_VALUE) // MySQL Connector/J: stream, do not buffer the day
			.rowMapper(AccountDayReader::row)
			.saveState(false)
			.verifyCursorPosition(false)
			.build();
	}

	private static Row row(ResultSet rs, int rowNum) throws SQLException {
		return new Row(rs.getString("account_id"), rs.getString("brand_id"),
				new EligibilityRule.Facts(rs.getBoolean("has_brand_badge"), rs.getString("industry"),
						rs.getString("store_id"), rs.getString("store_status"), rs.getString("account_status")),
				rs.getObject("library_entry_date", LocalDate.class),
				ColdStartRule.latest(rs.getObject("stored_end", LocalDateTime.class),
						rs.getObject("snapshot_ended_at", LocalDateTime.class)),
				rs.getBoolean("cold_start_used"), rs.getBoolean("cold_start_granted"), rs.getLong("baseline_sessions"),
				rs.getBigDecimal("baseline_gmv_fen"),
				new AccountDay.Session(rs.getString("session_id"), rs.getObject("started_at", LocalDateTime.class),
						rs.getObject("ended_at", LocalDateTime.class), rs.getLong("gmv_fen")));
	}

}
