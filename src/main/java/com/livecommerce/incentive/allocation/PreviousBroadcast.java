package com.livecommerce.incentive.allocation;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What is known of an account's earlier broadcasts as of a business date D, apart from the
 * sessions D itself ingested (ColdStartRule): its sessions stored by runs before D, and every
 * last_broadcast_ended_at a snapshot up to D carried (account_history). Reads stored history only,
 * so the nightly run and explain, on any later day, get the same answer for D.
 */
public final class PreviousBroadcast {

	private PreviousBroadcast() {
	}

	/** Where a previous broadcast end was found. */
	public enum Kind {

		/** A session stored by an earlier run, or by the same run. */
		SESSION,
		/** last_broadcast_ended_at of an accounts.csv snapshot. */
		SNAPSHOT

	}

	/**
	 * The record an end came from: the session (and the run that ingested it), or the first
	 * snapshot that carried the value.
	 */
	public record Source(Kind kind, LocalDateTime endedAt, String sessionId, LocalDate ingestedOn,
			LocalDate snapshotDate) {
	}

	/**
	 * The latest end before {@code time} of what is known about the account apart from the sessions
	 * of {@code date}.
	 */
	public static LocalDateTime knownEndBefore(JdbcTemplate jdbc, String accountId, LocalDate date,
			LocalDateTime time) {
		// account_day_total names the (run, end date) pairs the account has sessions in; each pair is
		// one range of broadcast_session's primary key.
		LocalDateTime stored = jdbc.queryForObject("""
				SELECT MAX(s.ended_at) FROM account_day_total t
				JOIN broadcast_session s ON s.business_date = t.business_date AND s.account_id = t.account_id
				  AND s.end_date = t.end_date
				WHERE t.account_id = ? AND t.business_date < ? AND t.end_date <= ? AND s.ended_at < ?""",
				LocalDateTime.class, accountId, date, time.toLocalDate(), time);
		LocalDateTime reported = jdbc.queryForObject("""
				SELECT MAX(last_broadcast_ended_at) FROM account_history
				WHERE account_id = ? AND valid_from <= ? AND last_broadcast_ended_at < ?""", LocalDateTime.class,
				accountId, date, time);
		return ColdStartRule.latest(stored, reported);
	}

	/**
	 * The latest end known on {@code date} apart from its own sessions: what the nightly run reads
	 * from account_last_broadcast, rebuilt from history (every end known on D is at most the end of
	 * D: later rows are refused at ingest).
	 */
	public static LocalDateTime latestKnownEnd(JdbcTemplate jdbc, String accountId, LocalDate date) {
		return knownEndBefore(jdbc, accountId, date, date.plusDays(1).atStartOfDay());
	}

	/**
	 * Where {@code end}, a previous broadcast end found for a session of {@code date}, came from:
	 * a stored session ending then (the earliest ingested, then the smallest id), else the first
	 * snapshot up to {@code date} that carried it; null when neither holds it.
	 */
	public static Source source(JdbcTemplate jdbc, String accountId, LocalDate date, LocalDateTime end) {
		List<Source> sessions = jdbc.query("""
				SELECT session_id, business_date FROM broadcast_session
				WHERE account_id = ? AND end_date = ? AND ended_at = ? AND business_date <= ?
				ORDER BY business_date, session_id LIMIT 1""",
				(rs, i) -> new Source(Kind.SESSION, end, rs.getString(1), rs.getObject(2, LocalDate.class), null),
				accountId, end.toLocalDate(), end, date);
		if (!sessions.isEmpty()) {
			return sessions.get(0);
		}
		List<Source> snapshots = jdbc.query("""
				SELECT MIN(valid_from) FROM account_history
				WHERE account_id = ? AND valid_from <= ? AND last_broadcast_ended_at = ?
				HAVING MIN(valid_from) IS NOT NULL""",
				(rs, i) -> new Source(Kind.SNAPSHOT, end, null, null, rs.getObject(1, LocalDate.class)), accountId, date,
				end);
		return snapshots.isEmpty() ? null : snapshots.get(0);
	}

}
