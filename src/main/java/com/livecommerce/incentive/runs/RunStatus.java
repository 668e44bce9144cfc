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
 * rejected, exit code, and the command that resumes a failed or dead one.
 */
@Component
public class RunStatus {

	private final JdbcTemplate jdbc;

	private final RunLocks locks;

	public RunStatus(JdbcTemplate jdbc, RunLocks locks) {
		this.jdbc = jdbc;
		this.locks = locks;
	}

	record Row(long execution, String job, String subject, String status, LocalDateTime start, LocalDateTime end,
			long read, long written, long rejected) {
	}

	public void print(int limit, PrintWriter out) {
		List<Row> rows = this.jdbc.query("""
				SELECT e.JOB_EXECUTION_ID, i.JOB_NAME,
				  (SELECT p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS p WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
				   AND p.PARAMETER_NAME IN ('businessDate', 'month') LIMIT 1) AS subject,
				  e.STATUS, e.START_TIME, e.END_TIME,
				  COALESCE((SELECT SUM(s.READ_COUNT) FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID), 0),
				  COALESCE((SELECT SUM(s.WRITE_COUNT) FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID), 0)
				FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				ORDER BY e.JOB_EXECUTION_ID DESC LIMIT ?""",
				(rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getObject(5, LocalDateTime.class), rs.getObject(6, LocalDateTime.class), rs.getLong(7),
						rs.getLong(8), 0),
				limit);
		List<String[]> table = new ArrayList<>();
		table.add(new String[] { "EXECUTION", "JOB", "DATE", "STATUS", "STARTED", "DURATION", "READ", "WRITTEN",
				"REJECTED", "EXIT", "RESUME WITH" });
		for (Row r : rows) {
			String status = r.status();
			if ("STARTED".equals(status) || "STARTING".equals(status) || "STOPPING".equals(status)) {
				status = this.locks.isHeld(r.job(), r.subject()) ? "RUNNING" : "DEAD";
			}
			long rejected = "nightly".equals(r.job()) ? this.jdbc.queryForObject(
					"SELECT COALESCE(SUM(rows_rejected), 0) FROM ingest_file WHERE business_date = ?", Long.class,
					r.subject()) : 0;
			String exit = switch (status) {
				case "COMPLETED" -> "0";
				case "FAILED", "DEAD", "STOPPED", "ABANDONED", "UNKNOWN" -> "1";
				default -> "-";
			};
			boolean resumable = !status.equals("COMPLETED") && !status.equals("RUNNING");
			table.add(new String[] { Long.toString(r.execution()), r.job(), r.subject(), status,
					r.start() == null ? "-" : r.start().withNano(0).toString().replace('T', ' '), duration(r),
					Long.toString(r.read()), Long.toString(r.written()), Long.toString(rejected), exit,
					resumable ? "restart --execution " + r.execution() : "" });
		}
		print(table, out);
		if (rows.isEmpty()) {
			out.println("(no runs yet)");
		}
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
