package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.common.BulkInsert;
import com.livecommerce.incentive.common.SqlLists;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * broadcasts.csv: the day's sessions, kept for ever as history. A session that an earlier run
 * already ingested is a redelivery, counted (ingest_redelivery) and ignored: the first delivery
 * stays, because earlier nights' claims were decided on it; one that now says something else is
 * flagged (ingest_redelivery.differs) and warned about. Any other session must end on
 * the business date or at most {@code late_arrival_days} before it, and belong to an account of
 * the day. Sessions are staged in place: straight into broadcast_session (see V9 for why that is
 * safe before the input gate); applying the day's input sums them into account_day_total.
 */
public final class BroadcastsExtract extends Extract<BroadcastsExtract.Session> {

	BroadcastsExtract() {
		super(InputFile.BROADCASTS, "broadcast_session", Session::sessionId, "session_id", "account_id", "started_at",
				"ended_at", "end_date", "gmv_fen", "order_count", "viewer_count", "watch_minutes", "new_followers");
	}

	record Session(String sessionId, String accountId, LocalDateTime startedAt, LocalDateTime endedAt, long gmvFen,
			int orderCount, int viewerCount, long watchMinutes, int newFollowers) {
	}

	@Override
	public Session parse(CsvRow row, IngestRules rules) {
		Session s = new Session(row.id("session_id"), row.id("account_id"), row.timestamp("started_at"),
				row.timestamp("ended_at"), row.amount("gmv_fen"), row.count("order_count"), row.count("viewer_count"),
				row.amount("watch_minutes"), row.count("new_followers"));
		if (s.endedAt().isBefore(s.startedAt())) {
			throw new BadRowException("ended_at " + s.endedAt() + " is before started_at " + s.startedAt());
		}
		return s;
	}

	/**
	 * A session must end on the business date or at most late_arrival_days before it. Checked
	 * after redeliveries: an old session delivered again is counted and ignored, not rejected.
	 */
	@Override
	public Map<String, String> rejections(JdbcTemplate jdbc, IngestRules rules, Map<String, Session> rows) {
		Map<String, String> rejected = new LinkedHashMap<>();
		LocalDate earliest = rules.businessDate().minusDays(rules.lateArrivalDays());
		rows.forEach((id, s) -> {
			LocalDate endDate = s.endedAt().toLocalDate();
			if (endDate.isAfter(rules.businessDate())) {
				rejected.put(id, "ended_at " + s.endedAt() + " (Asia/Shanghai) is after the business date "
						+ rules.businessDate());
			}
			else if (endDate.isBefore(earliest)) {
				rejected.put(id, "ended_at " + s.endedAt() + " (Asia/Shanghai) is more than " + rules.lateArrivalDays()
						+ " days before the business date " + rules.businessDate());
			}
		});
		return rejected;
	}

	/** broadcast_session's key: (business_date,) account_id, end_date, ended_at, session_id (V14). */
	@Override
	public Comparator<Session> clusteredOrder() {
		return Comparator.comparing(Session::accountId).thenComparing(Session::endedAt).thenComparing(Session::sessionId);
	}

	@Override
	public List<Reference<Session>> references() {
		return List.of(new Reference<>("account_id", Session::accountId, InputFile.ACCOUNTS, "stg_account",
				"account_id", "account"));
	}

	/**
	 * One lookup by primary key: a session of the chunk stored with the business date is an
	 * earlier chunk's (a duplicate within the file), one stored by an earlier run is a redelivery,
	 * with whether it now says something else; an earlier chunk's redelivery is in
	 * ingest_redelivery.
	 */
	@Override
	public Known known(JdbcTemplate jdbc, LocalDate businessDate, Map<String, Session> rows) {
		Map<String, Long> lines = new HashMap<>();
		Map<String, Boolean> stored = new HashMap<>();
		jdbc.query("""
				SELECT STRAIGHT_JOIN s.session_id, s.business_date, s.line_number, s.account_id, s.started_at, s.ended_at, s.gmv_fen,
				  s.order_count, s.viewer_count, s.watch_minutes, s.new_followers
				FROM""" + " " + SqlLists.KEYS + " JOIN broadcast_session s ON s.session_id = keys_.k", rs -> {
					String id = rs.getString(1);
					LocalDate ingestedOn = rs.getObject(2, LocalDate.class);
					if (ingestedOn.equals(businessDate)) {
						lines.put(id, rs.getLong(3));
					}
					else if (ingestedOn.isBefore(businessDate)) {
						Session first = new Session(id, rs.getString(4), rs.getObject(5, LocalDateTime.class),
								rs.getObject(6, LocalDateTime.class), rs.getLong(7), rs.getInt(8), rs.getInt(9), rs.getLong(10),
								rs.getInt(11));
						stored.put(id, !first.equals(rows.get(id)));
					}
				}, SqlLists.keys(rows.keySet()));
		jdbc.query("SELECT STRAIGHT_JOIN r.session_id, r.line_number FROM " + SqlLists.KEYS
				+ " JOIN ingest_redelivery r ON r.business_date = ? AND r.session_id = keys_.k", rs -> {
					lines.put(rs.getString(1), rs.getLong(2));
				}, SqlLists.keys(rows.keySet()), businessDate);
		return new Known(lines, stored);
	}

	/** Kept as written: a chunk written again after its commit finds its redeliveries there. */
	private static final BulkInsert REDELIVERIES = BulkInsert.keepingExisting("ingest_redelivery",
			List.of("business_date", "session_id", "line_number", "differs"), "line_number");

	@Override
	public void recordRedeliveries(JdbcTemplate jdbc, List<Object[]> rows) {
		REDELIVERIES.insert(jdbc, rows);
	}

	@Override
	public Redeliveries redeliveries(JdbcTemplate jdbc, LocalDate businessDate) {
		int[] counts = jdbc.queryForObject("""
				SELECT COUNT(*), COALESCE(SUM(differs), 0) FROM ingest_redelivery WHERE business_date = ?""",
				(rs, i) -> new int[] { rs.getInt(1), rs.getInt(2) }, businessDate);
		List<String> firstDiffering = jdbc.queryForList("""
				SELECT session_id FROM ingest_redelivery WHERE business_date = ? AND differs
				ORDER BY line_number LIMIT 10""", String.class, businessDate);
		return new Redeliveries(counts[0], counts[1], firstDiffering);
	}

	@Override
	public List<String> purgeStatements() {
		return List.of("DELETE FROM broadcast_session WHERE business_date = ?",
				"DELETE FROM ingest_redelivery WHERE business_date = ?");
	}

	@Override
	public List<String> forgetStatements() {
		return List.of("DELETE FROM broadcast_session WHERE business_date = ? AND session_id = ?",
				"DELETE FROM ingest_redelivery WHERE business_date = ? AND session_id = ?");
	}

	@Override
	public boolean stagesInPlace() {
		return true;
	}

	@Override
	protected Object[] values(Session s) {
		return new Object[] { s.sessionId(), s.accountId(), s.startedAt(), s.endedAt(),
				s.endedAt().toLocalDate(), s.gmvFen(), s.orderCount(), s.viewerCount(), s.watchMinutes(),
				s.newFollowers() };
	}

	/** The sessions are in place; their per-account totals feed the growth baselines of later runs. */
	@Override
	public List<String> applyStatements() {
		return List.of(SUM_ACCOUNT_DAYS, LAST_BROADCASTS);
	}

	/**
	 * The latest end of each account's stored sessions, and the one before this run (the cold
	 * start rule of this run must not count the run's own sessions twice). Assignments of ON
	 * DUPLICATE KEY UPDATE apply left to right: the value before this run is moved first. A
	 * run's input is applied once (ingest_file APPLIED), so this never runs twice for a date.
	 */
	public static final String LAST_BROADCASTS = """
			INSERT INTO account_last_broadcast (account_id, session_ended_at, run_date)
			SELECT * FROM (
			  SELECT account_id, MAX(ended_at) AS session_ended_at, business_date AS run_date FROM broadcast_session
			  WHERE business_date = ? GROUP BY account_id, business_date) AS new
			ON DUPLICATE KEY UPDATE session_ended_before_run = account_last_broadcast.session_ended_at,
			  session_ended_at = GREATEST(COALESCE(account_last_broadcast.session_ended_at, new.session_ended_at),
			    new.session_ended_at),
			  run_date = new.run_date""";

	/** Sums one run's sessions into account_day_total (parameter: the business date). */
	public static final String SUM_ACCOUNT_DAYS = """
			INSERT INTO account_day_total (account_id, end_date, business_date, sessions, gmv_fen)
			SELECT account_id, end_date, business_date, COUNT(*), SUM(gmv_fen)
			FROM broadcast_session WHERE business_date = ?
			GROUP BY account_id, end_date, business_date""";

}
