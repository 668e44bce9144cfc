package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.common.KeyRanges;
import com.livecommerce.incentive.runs.NightlyRun;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Hands out the accounts with sessions on the business date one at a time ({@link AccountDay}),
 * in account order, with the values the eligibility checks look at, the account's status, baseline
 * and cold-start history, and its sessions of the day. Ineligible accounts are read too: their
 * decision is recorded (eligibility_decision), and so is a day without a version in force.
 *
 * <p>Two cursors side by side, both in account order: one row per account with everything looked
 * up for it, and the day's sessions as they lie in broadcast_session's primary key. One query
 * joining the lookups to every session did them once per session (five times as often, half the
 * step's database time at a million sessions). Both read rows no step changes while this one runs.
 *
 * <p>Restart state is the number of accounts handed out; a restart skips as many.
 */
final class AccountDayReader extends AbstractItemCountingItemStreamItemReader<AccountDay> {

	/** What is looked up once for an account of the day. */
	private record Account(String accountId, String brandId, EligibilityRule.Facts facts, LocalDate libraryEntryDate,
			LocalDateTime latestKnownEnd, boolean coldStartUsed, boolean coldStartGranted, long baselineSessions,
			BigDecimal baselineGmvFen) {
	}

	private record SessionRow(String accountId, AccountDay.Session session) {
	}

	private final DataSource dataSource;

	private final LocalDate date;

	private final KeyRanges.Range range;

	private JdbcCursorItemReader<Account> accounts;

	private JdbcCursorItemReader<SessionRow> sessions;

	private SessionRow nextSession;

	/** The accounts of the day in one range of account ids ({@link KeyRanges}). */
	AccountDayReader(DataSource dataSource, NightlyRun run, KeyRanges.Range range) {
		this.dataSource = dataSource;
		this.date = run.businessDate();
		this.range = range;
		setName("account-days");
	}

	@Override
	protected void doOpen() throws Exception {
		this.accounts = accounts();
		this.sessions = sessions();
		this.accounts.open(new ExecutionContext());
		this.sessions.open(new ExecutionContext());
		this.nextSession = this.sessions.read();
	}

	@Override
	protected AccountDay doRead() throws Exception {
		Account a = this.accounts.read();
		if (a == null) {
			if (this.nextSession != null) {
				throw new IllegalStateException("session " + this.nextSession.session().sessionId() + " of account "
						+ this.nextSession.accountId() + " has no account row: the two cursors disagree");
			}
			return null;
		}
		List<AccountDay.Session> daySessions = new ArrayList<>();
		while (this.nextSession != null && Objects.equals(this.nextSession.accountId(), a.accountId())) {
			daySessions.add(this.nextSession.session());
			this.nextSession = this.sessions.read();
		}
		if (daySessions.isEmpty()) {
			throw new IllegalStateException("account " + a.accountId() + " has no session of " + this.date
					+ " where the sessions' cursor stands: the two cursors disagree");
		}
		return new AccountDay(a.accountId(), a.brandId(), a.facts(), a.libraryEntryDate(), a.latestKnownEnd(),
				a.coldStartUsed(), a.coldStartGranted(), a.baselineSessions(), a.baselineGmvFen(), daySessions);
	}

	@Override
	protected void doClose() throws Exception {
		for (JdbcCursorItemReader<?> cursor : new JdbcCursorItemReader<?>[] { this.accounts, this.sessions }) {
			if (cursor != null) {
				cursor.close();
			}
		}
		this.accounts = null;
		this.sessions = null;
		this.nextSession = null;
	}

	/**
	 * The day's accounts (of this part) in account order, each with its lookups: the distinct
	 * accounts come from broadcast_session's key prefix (business_date, account_id).
	 */
	private JdbcCursorItemReader<Account> accounts() {
		return cursor("account-day-accounts", """
				SELECT STRAIGHT_JOIN d.account_id, a.brand_id, b.has_brand_badge, b.industry, a.store_id,
				  r.store_status, b.library_entry_date,
				  CASE WHEN lb.run_date = ? THEN lb.session_ended_before_run ELSE lb.session_ended_at END AS stored_end,
				  lb.snapshot_ended_at,""" + " " + ColdStartUsed.condition("d.account_id") + """
				   AS cold_start_used,
				  EXISTS (SELECT 1 FROM coupon_grant g WHERE g.account_id = d.account_id AND g.program = 'COLD_START'
				          AND g.status IN ('GRANTED', 'PARTIAL')) AS cold_start_granted,
				  COALESCE(st.status, 'ACTIVE') AS account_status,
				  COALESCE(bl.sessions, 0) AS baseline_sessions, COALESCE(bl.gmv_fen, 0) AS baseline_gmv_fen
				FROM (SELECT DISTINCT s.account_id FROM broadcast_session s
				      WHERE s.business_date = ? AND""" + " " + this.range.condition("s.account_id") + """
				) d
				JOIN account a ON a.account_id = d.account_id
				JOIN brand b ON b.brand_id = a.brand_id
				LEFT JOIN store_risk r ON r.store_id = a.store_id
				LEFT JOIN account_standing st ON st.account_id = d.account_id
				LEFT JOIN claim_baseline bl ON bl.business_date = ? AND bl.account_id = d.account_id
				LEFT JOIN account_last_broadcast lb ON lb.account_id = d.account_id
				ORDER BY d.account_id""", this.range.argumentsBetween(List.of(this.date, this.date, this.date),
				List.of(this.date)), AccountDayReader::account);
	}

	/**
	 * The day's sessions (of this part) in order of account, then end, then id: the primary key's
	 * order (end_date is the date of ended_at, so it orders nothing that ended_at does not), read as
	 * one range.
	 */
	private JdbcCursorItemReader<SessionRow> sessions() {
		return cursor("account-day-sessions", """
				SELECT s.account_id, s.session_id, s.started_at, s.ended_at, s.gmv_fen
				FROM broadcast_session s
				WHERE s.business_date = ? AND""" + " " + this.range.condition("s.account_id") + """

				ORDER BY s.account_id, s.end_date, s.ended_at, s.session_id""",
				this.range.argumentsBetween(List.of(this.date), List.of()),
				(rs, i) -> new SessionRow(rs.getString(1), new AccountDay.Session(rs.getString(2),
						rs.getObject(3, LocalDateTime.class), rs.getObject(4, LocalDateTime.class), rs.getLong(5))));
	}

	private <T> JdbcCursorItemReader<T> cursor(String name, String sql, List<Object> arguments,
			org.springframework.jdbc.core.RowMapper<T> mapper) {
		return new JdbcCursorItemReaderBuilder<T>().name(name)
			.dataSource(this.dataSource)
			.sql(sql)
			.queryArguments(arguments)
			.fetchSize(Integer.MIN_VALUE) // MySQL Connector/J: stream, do not buffer the day
			.rowMapper(mapper)
			.saveState(false)
			.verifyCursorPosition(false)
			.build();
	}

	private static Account account(ResultSet rs, int rowNum) throws SQLException {
		return new Account(rs.getString("account_id"), rs.getString("brand_id"),
				new EligibilityRule.Facts(rs.getBoolean("has_brand_badge"), rs.getString("industry"),
						rs.getString("store_id"), rs.getString("store_status"), rs.getString("account_status")),
				rs.getObject("library_entry_date", LocalDate.class),
				ColdStartRule.latest(rs.getObject("stored_end", LocalDateTime.class),
						rs.getObject("snapshot_ended_at", LocalDateTime.class)),
				rs.getBoolean("cold_start_used"), rs.getBoolean("cold_start_granted"), rs.getLong("baseline_sessions"),
				rs.getBigDecimal("baseline_gmv_fen"));
	}

}
