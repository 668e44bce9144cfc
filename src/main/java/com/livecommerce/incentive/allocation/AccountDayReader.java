package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.nightly.NightlyRun;
import com.livecommerce.incentive.policy.Policy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Streams the eligible sessions of the business date, ordered by account, and hands them out one
 * account at a time ({@link AccountDay}), with the account's baseline and cold-start history
 * joined in. Nothing of the day is held in memory beyond one account. Restart state: the number
 * of accounts handed out (the order is total, so skipping them lands on the same account).
 */
class AccountDayReader extends AbstractItemCountingItemStreamItemReader<AccountDay> {

	private final DataSource dataSource;

	private final NightlyRun run;

	private JdbcCursorItemReader<Row> rows;

	private Row next;

	record Row(String accountId, String brandId, LocalDate libraryEntryDate, LocalDateTime lastBroadcastEndedAt,
			boolean coldStartUsed, boolean coldStartGranted, String accountStatus, long baselineSessions,
			long baselineGmvFen, AccountDay.Session session) {
	}

	AccountDayReader(DataSource dataSource, NightlyRun run) {
		this.dataSource = dataSource;
		this.run = run;
		setName("account-days");
	}

	@Override
	protected void doOpen() throws Exception {
		Policy policy = this.run.policyInForce().orElse(null);
		if (policy == null || (policy.programs().coldStart() == null && policy.programs().growth() == null)) {
			return; // no version in force, or none of the per-account programs: no claims today
		}
		LocalDate date = this.run.businessDate();
		int baselineDays = policy.programs().growth() == null ? 0 : policy.programs().growth().baselineDays();
		List<Object> args = new ArrayList<>(List.of(date, date.minusDays(baselineDays).atStartOfDay(),
				date.atStartOfDay(), date, date));
		args.addAll(Eligibility.parameters(policy));
		this.rows = new JdbcCursorItemReaderBuilder<Row>().name("account-day-rows")
			.dataSource(this.dataSource)
			.sql("""
					SELECT s.account_id, a.brand_id, b.library_entry_date, a.last_broadcast_ended_at, a.cold_start_used,
					  EXISTS (SELECT 1 FROM coupon_grant g WHERE g.account_id = s.account_id AND g.program = 'COLD_START'
					          AND g.status IN ('GRANTED', 'PARTIAL')) AS cold_start_granted,
					  COALESCE(st.status, 'ACTIVE') AS account_status,
					  COALESCE(bl.sessions, 0) AS baseline_sessions, COALESCE(bl.gmv_fen, 0) AS baseline_gmv_fen,
					  s.session_id, s.started_at, s.ended_at, s.gmv_fen
					FROM broadcast_session s
					""" + Eligibility.JOINS + """

					LEFT JOIN account_standing st ON st.account_id = s.account_id
					LEFT JOIN (
					  SELECT h.account_id, COUNT(*) AS sessions, SUM(h.gmv_fen) AS gmv_fen
					  FROM broadcast_session h
					  WHERE h.business_date < ? AND h.ended_at >= ? AND h.ended_at < ?
					    AND h.account_id IN (SELECT d.account_id FROM broadcast_session d WHERE d.business_date = ?)
					  GROUP BY h.account_id) bl ON bl.account_id = s.account_id
					WHERE s.business_date = ? AND """ + Eligibility.predicate(policy) + """

					ORDER BY s.account_id, s.ended_at, s.session_id""")
			.queryArguments(args)
			.fetchSize(Integer.MIN_VALUE) // MySQL Connector/J: stream, do not buffer the day
			.rowMapper(AccountDayReader::row)
			.saveState(false)
			.verifyCursorPosition(false)
			.build();
		this.rows.open(new ExecutionContext());
		this.next = this.rows.read();
	}

	@Override
	protected AccountDay doRead() throws Exception {
		if (this.next == null) {
			return null;
		}
		Row first = this.next;
		List<AccountDay.Session> sessions = new ArrayList<>();
		while (this.next != null && this.next.accountId().equals(first.accountId())) {
			sessions.add(this.next.session());
			this.next = this.rows.read();
		}
		return new AccountDay(first.accountId(), first.brandId(), first.libraryEntryDate(), first.lastBroadcastEndedAt(),
				first.coldStartUsed(), first.coldStartGranted(), first.accountStatus(), first.baselineSessions(),
				first.baselineGmvFen(), List.copyOf(sessions));
	}

	@Override
	protected void doClose() throws Exception {
		if (this.rows != null) {
			this.rows.close();
			this.rows = null;
		}
		this.next = null;
	}

	private static Row row(ResultSet rs, int rowNum) throws SQLException {
		return new Row(rs.getString("account_id"), rs.getString("brand_id"),
				rs.getObject("library_entry_date", LocalDate.class),
				rs.getObject("last_broadcast_ended_at", LocalDateTime.class), rs.getBoolean("cold_start_used"),
				rs.getBoolean("cold_start_granted"), rs.getString("account_status"), rs.getLong("baseline_sessions"),
				rs.getLong("baseline_gmv_fen"),
				new AccountDay.Session(rs.getString("session_id"), rs.getObject("started_at", LocalDateTime.class),
						rs.getObject("ended_at", LocalDateTime.class), rs.getLong("gmv_fen")));
	}

}
