package com.livecommerce.incentive.runs;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code status}: the recent runs as a table for the operator at 3 a.m.: job, date, status (a
 * STARTED run whose process died shows as DEAD), start, duration, rows read / written /
 * rejected (as the run left them), exit code, the step a failed or dead run stopped in, and the
 * command that resumes it, or the later execution that did.
 */
@Component
public class RunStatus {

	private final JdbcTemplate jdbc;

	private final RunLocks locks;

	private final org.springframework.batch.core.repository.JobRepository jobRepository;

	public RunStatus(JdbcTemplate jdbc, RunLocks locks, org.springframework.batch.core.repository.JobRepository jobRepository) {
		this.jdbc = jdbc;
		this.locks = locks;
		this.jobRepository = jobRepository;
	}

	record Row(long execution, long instance, String job, String subject, String status, LocalDateTime start,
			LocalDateTime end, long read, long written, String step) {
	}

	/** The key under which a night's rejected rows sit in its input gate's step context (InputGateTasklet). */
	public static final String REJECTED_KEY = "run.rejected";

	public void print(int limit, PrintWriter out) {
		List<Row> rows = this.jdbc.query("""
				SELECT e.JOB_EXECUTION_ID, e.JOB_INSTANCE_ID, i.JOB_NAME,
				  (SELECT p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS p WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
				   AND p.PARAMETER_NAME IN ('businessDate', 'month') LIMIT 1) AS subject,
				  e.STATUS, e.START_TIME, e.END_TIME,
				  COALESCE((SELECT SUM(s.READ_COUNT) FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID), 0),
				  COALESCE((SELECT SUM(s.WRITE_COUNT) FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID), 0),
				  (SELECT s.STEP_NAME FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
				   AND s.STATUS NOT IN ('COMPLETED', 'ABANDONED') ORDER BY s.STEP_EXECUTION_ID LIMIT 1) AS step
				FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				ORDER BY e.JOB_EXECUTION_ID DESC LIMIT ?""",
				(rs, i) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
						rs.getObject(6, LocalDateTime.class), rs.getObject(7, LocalDateTime.class), rs.getLong(8),
						rs.getLong(9), rs.getString(10)),
				limit);
		List<String[]> table = new ArrayList<>();
		table.add(new String[] { "EXECUTION", "JOB", "DATE", "STATUS", "STARTED", "DURATION", "READ", "WRITTEN",
				"REJECTED", "EXIT", "STOPPED IN", "RESUME WITH" });
		for (Row r : rows) {
			String status = r.status();
			if ("STARTED".equals(status) || "STARTING".equals(status) || "STOPPING".equals(status)) {
				status = this.locks.isHeld(r.job(), r.subject()) ? "RUNNING" : "DEAD";
			}
			String exit = switch (status) {
				case "COMPLETED" -> "0";
				case "FAILED", "DEAD", "STOPPED", "ABANDONED", "UNKNOWN" -> "1";
				default -> "-";
			};
			// only the last execution of a date is resumed: an earlier one that failed was taken up by a later one
			Long later = this.jdbc.queryForObject("""
					SELECT MIN(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ? AND JOB_EXECUTION_ID > ?""",
					Long.class, r.instance(), r.execution());
			String resume = status.equals("COMPLETED") || status.equals("RUNNING") ? ""
					: later != null ? "resumed by " + later : "restart --execution " + r.execution();
			table.add(new String[] { Long.toString(r.execution()), r.job(), r.subject(), status,
					r.start() == null ? "-" : r.start().withNano(0).toString().replace('T', ' '), duration(r),
					Long.toString(r.read()), Long.toString(r.written()), rejected(r, later == null), exit,
					status.equals("COMPLETED") || status.equals("RUNNING") || r.step() == null ? ""
							: com.livecommerce.incentive.common.HashPartitions.stepOf(r.step()),
					resume });
		}
		print(table, out);
		if (rows.isEmpty()) {
			out.println("(no runs yet)");
		}
	}

	/**
	 * A night's rejected rows: as its execution recorded them when it ended (a later execution of
	 * the date may have read other files), else, for the date's last execution, as they stand.
	 */
	private String rejected(Row r, boolean last) {
		if (!"nightly".equals(r.job())) {
			return "0";
		}
		org.springframework.batch.core.job.JobExecution execution = this.jobRepository.getJobExecution(r.execution());
		java.util.Optional<Long> gate = execution == null ? java.util.Optional.empty()
				: execution.getStepExecutions()
					.stream()
					.filter(s -> s.getExecutionContext().containsKey(REJECTED_KEY))
					.map(s -> s.getExecutionContext().getLong(REJECTED_KEY))
					.findFirst();
		if (gate.isPresent()) {
			return Long.toString(gate.get());
		}
		return last ? Long.toString(this.jdbc.queryForObject(
				"SELECT COALESCE(SUM(rows_rejected), 0) FROM ingest_file WHERE business_date = ?", Long.class,
				r.subject())) : "-";
	}

	private static String duration(Row r) {
		if (r.start() == null) {
			return "-";
		}
		LocalDateTime end = r.end() != null ? r.end() : LocalDateTime.now();
		Duration d = Duration.between(r.start(), end);
		return d.toHours() > 0 ? d.toHours() + "h" + d.toMinutesPart() + "m"
				: d.toMinutes() > 0 ? d.toMinutes() + "m" + d.toSecondsPart() + "s"
						: d.toSeconds() + "." + String.format("%03d", d.toMillisPart()) + "s";
	}

	private static void print(List<String[]> table, PrintWriter out) {
		int[] widths = new int[table.get(0).length];
		for (String[] row : table) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i] == null ? 1 : row[i].length());
			}
		}
		for (String[] row : table) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.length; i++) {
				String cell = row[i] == null ? "-" : row[i];
				line.append(cell).append(" ".repeat(widths[i] - cell.length() + 2));
			}
			out.println(line.toString().stripTrailing());
		}
	}

}
