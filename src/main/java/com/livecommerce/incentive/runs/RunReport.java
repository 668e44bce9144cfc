package com.livecommerce.incentive.runs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * At the end of every run, failed or not: {@code run-report.txt} and {@code run-report.json} in the
 * run's out folder, with the outcome, every step's counts and times, and the run's figures (input
 * files, claims and grants per program, status changes, clawbacks, messages). Operational
 * metadata, with wall-clock times: unlike the output tables and files it differs between two runs.
 */
public class RunReport implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(RunReport.class);

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private final Function<JobExecution, Path> folder;

	private final Function<JobExecution, Map<String, Object>> figures;

	/**
	 * @param folder where the run's files go (from its parameters)
	 * @param figures the run's own figures, by name
	 */
	public RunReport(Function<JobExecution, Path> folder, Function<JobExecution, Map<String, Object>> figures) {
		this.folder = folder;
		this.figures = figures;
	}

	@Override
	public void afterJob(JobExecution execution) {
		Path dir = this.folder.apply(execution);
		try {
			Map<String, Object> report = report(execution);
			Files.createDirectories(dir);
			write(dir.resolve("run-report.json"), JSON.writeValueAsString(report));
			write(dir.resolve("run-report.txt"), text(report));
		}
		catch (IOException | RuntimeException ex) {
			// The run's outcome stands; only its report could not be written.
			log.warn("could not write the run report in {}: {}", dir, ex.getMessage());
		}
	}

	private Map<String, Object> report(JobExecution execution) {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("job", execution.getJobInstance().getJobName());
		Map<String, Object> parameters = new java.util.TreeMap<>();
		for (org.springframework.batch.core.job.parameters.JobParameter<?> p : execution.getJobParameters()) {
			parameters.put(p.name(), String.valueOf(p.value()));
		}
		report.put("parameters", parameters);
		report.put("execution", execution.getId());
		report.put("status", execution.getStatus().toString());
		report.put("exit_code", execution.getStatus() == BatchStatus.COMPLETED ? 0 : 1);
		report.put("started", String.valueOf(execution.getStartTime()));
		report.put("ended", String.valueOf(execution.getEndTime()));
		report.put("seconds", seconds(execution.getStartTime(), execution.getEndTime()));
		List<String> failures = execution.getAllFailureExceptions()
			.stream()
			.map(t -> JobRuns.rootMessage(List.of(t)))
			.toList();
		report.put("failures", failures);
		if (!failures.isEmpty()) {
			report.put("resume_with", "restart --execution " + execution.getId());
		}
		List<Map<String, Object>> steps = new ArrayList<>();
		for (StepExecution s : execution.getStepExecutions()) {
			Map<String, Object> step = new LinkedHashMap<>();
			step.put("step", s.getStepName());
			step.put("status", s.getStatus().toString());
			step.put("read", s.getReadCount());
			step.put("written", s.getWriteCount());
			step.put("filtered", s.getFilterCount());
			step.put("skipped", s.getSkipCount());
			step.put("commits", s.getCommitCount());
			step.put("rollbacks", s.getRollbackCount());
			step.put("seconds", seconds(s.getStartTime(), s.getEndTime()));
			steps.add(step);
		}
		report.put("steps", steps);
		report.put("figures", this.figures.apply(execution));
		return report;
	}

	private static double seconds(java.time.LocalDateTime start, java.time.LocalDateTime end) {
		return start == null || end == null ? 0 : Duration.between(start, end).toMillis() / 1000.0;
	}

	@SuppressWarnings("unchecked")
	private static String text(Map<String, Object> report) {
		StringBuilder out = new StringBuilder();
		out.append(report.get("job")).append(' ').append(report.get("parameters")).append('\n')
			.append("execution ").append(report.get("execution")).append(": ").append(report.get("status"))
			.append(" (exit ").append(report.get("exit_code")).append(") in ").append(report.get("seconds"))
			.append(" s, from ").append(report.get("started")).append(" to ").append(report.get("ended")).append('\n');
		for (String failure : (List<String>) report.get("failures")) {
			out.append("failure: ").append(failure).append('\n');
		}
		if (report.containsKey("resume_with")) {
			out.append("resume with: ").append(report.get("resume_with")).append('\n');
		}
		out.append(String.format("%n%-28s %-10s %10s %10s %8s %8s%n", "step", "status", "read", "written", "commits",
				"seconds"));
		for (Map<String, Object> s : (List<Map<String, Object>>) report.get("steps")) {
			out.append(String.format("%-28s %-10s %10d %10d %8d %8.1f%n", s.get("step"), s.get("status"), s.get("read"),
					s.get("written"), s.get("commits"), s.get("seconds")));
		}
		out.append('\n');
		((Map<String, Object>) report.get("figures")).forEach((name, value) -> out.append(name).append(": ")
			.append(value).append('\n'));
		return out.toString();
	}

	private static void write(Path target, String content) throws IOException {
		Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
		Files.writeString(temp, content, StandardCharsets.UTF_8);
		Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/** A figure from a query, or the problem reading it (a report never fails because of a figure). */
	public static Object figure(JdbcTemplate jdbc, String sql, Object... args) {
		try {
			List<Map<String, Object>> rows = jdbc.queryForList(sql, args);
			return rows.size() == 1 && rows.get(0).size() == 1 ? rows.get(0).values().iterator().next() : rows;
		}
		catch (RuntimeException ex) {
			return "unavailable: " + ex.getMessage();
		}
	}

}
