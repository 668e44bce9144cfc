package com.livecommerce.incentive.runs;

import com.livecommerce.incentive.common.AtomicFiles;
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
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
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

	private final String job;

	private final Function<JobExecution, Path> folder;

	private final Function<JobExecution, List<Figure>> figures;

	private final BiFunction<Path, List<Figure>, List<String>> summary;

	/**
	 * @param job the name of the job it reports on
	 * @param folder where the run's files go (from its parameters)
	 * @param figures the run's own figures (input files, claims and grants, messages …)
	 * @param summary the few lines a person reads at the end of a completed run, from the run's
	 * folder and its figures
	 */
	public RunReport(String job, Function<JobExecution, Path> folder, Function<JobExecution, List<Figure>> figures,
			BiFunction<Path, List<Figure>, List<String>> summary) {
		this.job = job;
		this.folder = folder;
		this.figures = figures;
		this.summary = summary;
	}

	/** The key under which a completed run's summary lines sit in its execution context (for the launcher). */
	static final String SUMMARY_KEY = "run.summary";

	public String job() {
		return this.job;
	}

	@Override
	public void afterJob(JobExecution execution) {
		write(execution, true);
	}

	/**
	 * Writes the report of a completed run as it stands in the job repository when a file of it is
	 * missing: a process killed after the run was marked complete and before its report was
	 * written leaves none, and a rerun of the date is a no-op that would otherwise never write
	 * it. Returns whether it wrote.
	 */
	public boolean writeIfMissing(JobExecution execution) {
		Path dir = this.folder.apply(execution);
		if (Files.exists(dir.resolve("run-report.json")) && Files.exists(dir.resolve("run-report.txt"))) {
			return false;
		}
		write(execution, false);
		return true;
	}

	private void write(JobExecution execution, boolean summarize) {
		Path dir = this.folder.apply(execution);
		try {
			List<Figure> figures = this.figures.apply(execution);
			if (summarize && execution.getStatus() == BatchStatus.COMPLETED) {
				execution.getExecutionContext().putString(SUMMARY_KEY, String.join("\n", this.summary.apply(dir, figures)));
			}
			Map<String, Object> report = report(execution, figures);
			AtomicFiles.write(dir.resolve("run-report.json"), "the run report", JSON.writeValueAsString(report));
			AtomicFiles.write(dir.resolve("run-report.txt"), "the run report", text(report, figures));
		}
		catch (RuntimeException ex) {
			// The run's outcome stands; only its report could not be written.
			log.warn("could not write the run report in {}: {}", dir, ex.getMessage());
		}
	}

	private Map<String, Object> report(JobExecution execution, List<Figure> figures) {
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
		Map<String, Object> json = new LinkedHashMap<>();
		figures.forEach(f -> json.put(f.title(), f.json()));
		report.put("figures", json);
		return report;
	}

	private static double seconds(java.time.LocalDateTime start, java.time.LocalDateTime end) {
		return start == null || end == null ? 0 : Duration.between(start, end).toMillis() / 1000.0;
	}

	@SuppressWarnings("unchecked")
	private static String text(Map<String, Object> report, List<Figure> figures) {
		StringBuilder out = new StringBuilder();
		out.append(report.get("job")).append(" run, execution ").append(report.get("execution")).append(": ")
			.append(report.get("status")).append(" (exit ").append(report.get("exit_code")).append(") in ")
			.append(report.get("seconds")).append(" s, from ").append(report.get("started")).append(" to ")
			.append(report.get("ended")).append('\n');
		((Map<String, Object>) report.get("parameters"))
			.forEach((name, value) -> out.append(String.format("  %-13s %s%n", name, value)));
		for (String failure : (List<String>) report.get("failures")) {
			out.append("failure: ").append(failure).append('\n');
		}
		if (report.containsKey("resume_with")) {
			out.append("resume with: ").append(report.get("resume_with")).append('\n');
		}
		List<List<Object>> steps = ((List<Map<String, Object>>) report.get("steps")).stream()
			.map(s -> List.of(s.get("step"), s.get("status"), s.get("read"), s.get("written"), s.get("commits"),
					s.get("seconds")))
			.toList();
		out.append('\n')
			.append(new Figure("steps", List.of("step", "status", "read", "written", "commits", "seconds"), steps).text());
		for (Figure figure : figures) {
			out.append('\n').append(figure.text());
		}
		return out.toString();
	}


}
