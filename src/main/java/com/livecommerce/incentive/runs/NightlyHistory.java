package com.livecommerce.incentive.runs;

import com.livecommerce.incentive.policy.PolicyVersions;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the job repository says of the nightly runs of this database, read with plain SQL (a night
 * is a job instance keyed by its business date): the dates they have taken, whatever became of
 * them, and the first one ever started. Reads only; usable on a read-only connection (policy check).
 */
public class NightlyHistory implements PolicyVersions.NightsTaken {

	/** The first nightly run ever started: its date and its last execution. */
	public record FirstNight(LocalDate businessDate, long executionId, String status) {

		public boolean completed() {
			return "COMPLETED".equals(this.status);
		}

	}

	private static final String NIGHTS = """
			FROM BATCH_JOB_INSTANCE i
			JOIN BATCH_JOB_EXECUTION e ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID
			JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
			  AND p.PARAMETER_NAME = '""" + NightlyRun.BUSINESS_DATE + "' AND p.IDENTIFYING = 'Y'\nWHERE i.JOB_NAME = '"
			+ NightlyRun.JOB + "'";

	private final JdbcTemplate jdbc;

	public NightlyHistory(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The latest business date from {@code from} to {@code to} that a nightly run has taken: one
	 * that started, whether it completed, failed, still runs or died.
	 */
	@Override
	public Optional<LocalDate> latest(LocalDate from, LocalDate to) {
		// ISO dates compare as text
		String latest = this.jdbc.queryForObject("SELECT MAX(p.PARAMETER_VALUE) " + NIGHTS
				+ " AND p.PARAMETER_VALUE BETWEEN ? AND ?", String.class, from.toString(), to.toString());
		return Optional.ofNullable(latest).map(LocalDate::parse);
	}

	/** The latest business date any nightly run has taken. */
	public Optional<LocalDate> latest() {
		return Optional.ofNullable(this.jdbc.queryForObject("SELECT MAX(p.PARAMETER_VALUE) " + NIGHTS, String.class))
			.map(LocalDate::parse);
	}

	/** The first nightly run ever started (the oldest job instance), with its last execution; empty when none has. */
	public Optional<FirstNight> first() {
		return this.jdbc.query("SELECT p.PARAMETER_VALUE, e.JOB_EXECUTION_ID, e.STATUS " + NIGHTS
				+ " ORDER BY i.JOB_INSTANCE_ID, e.JOB_EXECUTION_ID DESC LIMIT 1",
				(rs, i) -> new FirstNight(LocalDate.parse(rs.getString(1)), rs.getLong(2), rs.getString(3)))
			.stream()
			.findFirst();
	}

	/** The first and last business date of the completed nights; empty when none has completed. */
	public Optional<LocalDate[]> completedRange() {
		return this.jdbc.query("SELECT MIN(p.PARAMETER_VALUE), MAX(p.PARAMETER_VALUE) " + NIGHTS
				+ " AND e.STATUS = 'COMPLETED'",
				(rs, i) -> rs.getString(1) == null ? null
						: new LocalDate[] { LocalDate.parse(rs.getString(1)), LocalDate.parse(rs.getString(2)) })
			.stream()
			.filter(java.util.Objects::nonNull)
			.findFirst();
	}

	/** The number of business dates whose nightly run has completed. */
	public int completedNights() {
		Integer n = this.jdbc.queryForObject("SELECT COUNT(DISTINCT p.PARAMETER_VALUE) " + NIGHTS
				+ " AND e.STATUS = 'COMPLETED'", Integer.class);
		return n == null ? 0 : n;
	}

	/** Whether the nightly run of {@code date} has completed. */
	public boolean completed(LocalDate date) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 " + NIGHTS
				+ " AND p.PARAMETER_VALUE = ? AND e.STATUS = 'COMPLETED')", Boolean.class, date.toString()));
	}

	/** A nightly run of another date than {@code date} that is STARTING or STARTED: its date, else empty. */
	public Optional<LocalDate> unfinishedOtherThan(LocalDate date) {
		return this.jdbc.queryForList("SELECT p.PARAMETER_VALUE " + NIGHTS
				+ " AND e.STATUS IN ('STARTING', 'STARTED') AND p.PARAMETER_VALUE <> ? ORDER BY p.PARAMETER_VALUE LIMIT 1",
				String.class, date.toString()).stream().findFirst().map(LocalDate::parse);
	}

}
