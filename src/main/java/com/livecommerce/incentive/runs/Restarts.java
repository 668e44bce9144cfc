package com.livecommerce.incentive.runs;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * {@code restart}: resumes a failed (or dead) run with the parameters it was started with, from
 * the step where it stopped, in the order {@link RunOrder} keeps for every run (SPEC §5: a night
 * whose day before has not completed, or that is not the first night while that one has not
 * completed, is refused as {@code nightly} refuses it). A run whose process died is recognised by
 * its free run lock and recovered first; a live run is never taken over. A night's inbox is
 * checked as {@code nightly} checks it (exit 3 when it is not ready) before anything is resumed.
 */
@Component
public class Restarts {

	private final JobRuns runs;

	private final JobRepository jobRepository;

	private final Job nightlyJob;

	private final Job monthlyJob;

	private final RunOrder order;

	private final InputReadiness input;

	public Restarts(JobRuns runs, JobRepository jobRepository, @Qualifier("nightlyJob") Job nightlyJob,
			@Qualifier("monthlyJob") Job monthlyJob, RunOrder order, InputReadiness input) {
		this.runs = runs;
		this.order = order;
		this.input = input;
		this.jobRepository = jobRepository;
		this.nightlyJob = nightlyJob;
		this.monthlyJob = monthlyJob;
	}

	public ExitCode execution(long executionId, PrintWriter stdout, PrintWriter stderr) {
		JobExecution execution;
		try {
			execution = this.jobRepository.getJobExecution(executionId);
		}
		catch (org.springframework.dao.EmptyResultDataAccessException ex) {
			execution = null; // the repository's way of saying there is none
		}
		if (execution == null) {
			stderr.println("there is no execution " + executionId + " (see: status)");
			return ExitCode.USAGE;
		}
		JobParameters parameters = execution.getJobParameters();
		String jobName = execution.getJobInstance().getJobName();
		if (NightlyRun.JOB.equals(jobName)) {
			LocalDate date = parameters.getLocalDate(NightlyRun.BUSINESS_DATE);
			// as nightly: an inbox upstream is still writing (again) is not read, nothing is resumed
			Optional<Refusal> notReady = this.input.check(Path.of(parameters.getString(NightlyRun.INBOX)), date);
			if (notReady.isPresent()) {
				stderr.println("nightly " + date + " not resumed: " + notReady.get().message());
				return notReady.get().code();
			}
			Path policy = Path.of(parameters.getString(NightlyRun.POLICY));
			return this.runs.launch("nightly " + date, this.nightlyJob, date.toString(), nightlyKey(date), parameters,
					policy, () -> this.order.nightly(date, policy), "restart nightly --date " + date, stdout, stderr);
		}
		if (MonthlyRun.JOB.equals(jobName)) {
			String month = parameters.getString(MonthlyRun.MONTH);
			String policy = parameters.getString(MonthlyRun.POLICY); // absent from runs started before it was recorded
			return this.runs.launch("monthly " + month, this.monthlyJob, month, monthlyKey(month), parameters,
					policy == null ? null : Path.of(policy), () -> this.order.monthly(YearMonth.parse(month)),
					"restart monthly --month " + month, stdout, stderr);
		}
		stderr.println("execution " + executionId + " is of job " + jobName + ", which this jar does not run");
		return ExitCode.USAGE;
	}

	public ExitCode nightly(LocalDate date, PrintWriter stdout, PrintWriter stderr) {
		return latest(NightlyRun.JOB, nightlyKey(date), "nightly " + date,
				"nightly --date " + date, stdout, stderr);
	}

	public ExitCode monthly(YearMonth month, PrintWriter stdout, PrintWriter stderr) {
		return latest(MonthlyRun.JOB, monthlyKey(month.toString()), "monthly " + month,
				"monthly --month " + month, stdout, stderr);
	}

	private ExitCode latest(String job, JobParameters identifying, String label, String start, PrintWriter stdout,
			PrintWriter stderr) {
		JobExecution last = this.runs.lastExecution(job, identifying);
		if (last == null) {
			stderr.println(label + " has never run: nothing to restart (start it with: " + start + ")");
			return ExitCode.USAGE;
		}
		return execution(last.getId(), stdout, stderr);
	}

	private static JobParameters nightlyKey(LocalDate date) {
		return new JobParametersBuilder().addLocalDate(NightlyRun.BUSINESS_DATE, date).toJobParameters();
	}

	private static JobParameters monthlyKey(String month) {
		return new JobParametersBuilder().addString(MonthlyRun.MONTH, month).toJobParameters();
	}

}
