package com.livecommerce.incentive.nightly;

import com.livecommerce.incentive.cli.ExitCode;
import com.livecommerce.incentive.ingest.InputFileException;
import com.livecommerce.incentive.ledger.LedgerInvariantException;
import com.livecommerce.incentive.policy.PolicyException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Starts (or resumes) the nightly job for one business date and turns the outcome into an
 * exit code and a line an operator can act on. A failed date is resumed by running the same
 * command again: Spring Batch restarts the failed execution from the step that failed.
 */
@Component
public class NightlyLauncher {

	private static final Logger log = LoggerFactory.getLogger(NightlyLauncher.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job nightlyJob;

	private final JdbcTemplate jdbc;

	public NightlyLauncher(JobOperator jobOperator, JobRepository jobRepository, Job nightlyJob, JdbcTemplate jdbc) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.nightlyJob = nightlyJob;
		this.jdbc = jdbc;
	}

	public ExitCode launch(LocalDate businessDate, Path inbox, Path out, Path policy, PrintWriter stdout,
			PrintWriter stderr) {
		JobExecution last = lastExecution(businessDate);
		if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
			stdout.println("nightly " + businessDate + " is already complete (execution " + last.getId()
					+ "); nothing to do");
			return ExitCode.OK;
		}
		if (last != null && last.isRunning()) {
			stderr.println("nightly " + businessDate + " is already running (execution " + last.getId() + ", started "
					+ last.getStartTime() + ")");
			return ExitCode.ALREADY_RUNNING;
		}
		if (anyCompleted() && !isCompleted(businessDate.minusDays(1))) {
			stderr.println("nightly " + businessDate + " is out of order: " + businessDate.minusDays(1)
					+ " has not completed (first come first served needs every earlier day); run it first");
			return ExitCode.OUT_OF_ORDER;
		}
		JobParameters parameters = new JobParametersBuilder()
			.addLocalDate(NightlyRun.BUSINESS_DATE, businessDate)
			.addString(NightlyRun.INBOX, inbox.toAbsolutePath().normalize().toString(), false)
			.addString(NightlyRun.OUT, out.toAbsolutePath().normalize().toString(), false)
			.addString(NightlyRun.POLICY, policy.toAbsolutePath().normalize().toString(), false)
			.toJobParameters();
		JobExecution execution;
		try {
			execution = this.jobOperator.start(this.nightlyJob, parameters);
		}
		catch (JobExecutionAlreadyRunningException ex) {
			stderr.println("nightly " + businessDate + " is already running: " + ex.getMessage());
			return ExitCode.ALREADY_RUNNING;
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			stdout.println("nightly " + businessDate + " is already complete; nothing to do");
			return ExitCode.OK;
		}
		catch (Exception ex) {
			stderr.println("nightly " + businessDate + " could not start: " + ex.getMessage());
			return ExitCode.FAILED;
		}
		return report(businessDate, execution, stdout, stderr);
	}

	private ExitCode report(LocalDate businessDate, JobExecution execution, PrintWriter stdout, PrintWriter stderr) {
		Duration took = execution.getStartTime() == null || execution.getEndTime() == null ? Duration.ZERO
				: Duration.between(execution.getStartTime(), execution.getEndTime());
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			stdout.println("nightly " + businessDate + " completed in " + took.toMillis() + " ms (execution "
					+ execution.getId() + ")");
			return ExitCode.OK;
		}
		String failedStep = execution.getStepExecutions()
			.stream()
			.filter(s -> s.getStatus().isUnsuccessful())
			.map(StepExecution::getStepName)
			.findFirst()
			.orElse("?");
		List<Throwable> failures = execution.getAllFailureExceptions();
		if (!failures.isEmpty() && !expected(failures.get(0))) {
			log.error("nightly {} failed in step {}", businessDate, failedStep, failures.get(0));
		}
		stderr.println("nightly " + businessDate + " FAILED in step " + failedStep + " (execution " + execution.getId()
				+ "): " + rootMessage(failures));
		stderr.println("Fix the cause, then run the same command again: it resumes from step " + failedStep
				+ " (nightly --date " + businessDate + ")");
		return ExitCode.FAILED;
	}

	/**
	 * The framework wraps the exception that says what went wrong: show our own exception's
	 * message where there is one (it names the file and the problem), else the innermost one.
	 */
	static String rootMessage(List<Throwable> failures) {
		if (failures.isEmpty()) {
			return "no exception recorded";
		}
		String innermost = null;
		for (Throwable t = failures.get(0); t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t.getClass().getName().startsWith("com.livecommerce.") && t.getMessage() != null) {
				return t.getMessage();
			}
			if (t.getMessage() != null) {
				innermost = t.getMessage();
			}
		}
		return innermost == null ? failures.get(0).getClass().getName() : innermost;
	}

	/** Failures that are about the input, not the program: their message says all, no stack trace. */
	private static boolean expected(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof InputFileException || t instanceof PolicyException || t instanceof LedgerInvariantException) {
				return true;
			}
		}
		return false;
	}

	private JobExecution lastExecution(LocalDate businessDate) {
		JobInstance instance = this.jobRepository.getJobInstance(NightlyJobConfiguration.JOB_NAME,
				identifying(businessDate));
		return instance == null ? null : this.jobRepository.getLastJobExecution(instance);
	}

	private boolean isCompleted(LocalDate businessDate) {
		JobExecution last = lastExecution(businessDate);
		return last != null && last.getStatus() == BatchStatus.COMPLETED;
	}

	private boolean anyCompleted() {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("""
				SELECT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION e
				  JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				  WHERE i.JOB_NAME = ? AND e.STATUS = 'COMPLETED')""", Boolean.class, NightlyJobConfiguration.JOB_NAME));
	}

	private static JobParameters identifying(LocalDate businessDate) {
		return new JobParametersBuilder().addLocalDate(NightlyRun.BUSINESS_DATE, businessDate).toJobParameters();
	}

}
