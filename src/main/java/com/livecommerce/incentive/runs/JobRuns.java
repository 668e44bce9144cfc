package com.livecommerce.incentive.runs;

import com.livecommerce.incentive.common.BulkWritePath;
import com.livecommerce.incentive.common.DatabaseFailures;
import com.livecommerce.incentive.common.HashPartitions;
import com.livecommerce.incentive.common.ExpectedFailure;
import com.livecommerce.incentive.policy.PolicyException;
import com.livecommerce.incentive.policy.PolicyLoader;
import com.livecommerce.incentive.policy.PolicySet;
import com.livecommerce.incentive.policy.PolicyVersions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starting a job for one date or month the way every command does: a completed run is a no-op
 * that says so (0), a running one is refused (5), the caller's order guard may refuse (4), a
 * failed one is resumed from the step that failed; the outcome becomes an exit code and a line an
 * operator can act on.
 */
@Component
public class JobRuns {

	private static final Logger log = LoggerFactory.getLogger(JobRuns.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final JdbcTemplate jdbc;

	private final RunLocks locks;

	private final PolicyVersions policyVersions;

	private final NightlyHistory nights;

	private final TransactionTemplate transaction;

	private final List<RunReport> reports;

	private final List<RunObserver> observers;

	private final BulkWritePath bulkWrites;

	public JobRuns(JobOperator jobOperator, JobRepository jobRepository, JdbcTemplate jdbc, RunLocks locks,
			PlatformTransactionManager transactionManager, List<RunReport> reports, List<RunObserver> observers,
			BulkWritePath bulkWrites) {
		this.reports = reports;
		this.bulkWrites = bulkWrites;
		this.observers = observers;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.jdbc = jdbc;
		this.locks = locks;
		this.policyVersions = new PolicyVersions(jdbc);
		this.nights = new NightlyHistory(jdbc);
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/** The policy directory a run starts under, checked against the versions used so far. */
	private record CheckedPolicy(PolicySet policies, List<PolicyVersions.Check> checks) {
	}

	/**
	 * @param label how messages name the run, e.g. "nightly 2023-11-29"
	 * @param key the date or month: with the job's name, what the run lock is taken on
	 * @param identifying the parameters that name the run (the date or month)
	 * @param policy the policy directory the run will use, checked against the versions that have
	 * governed runs before anything is started or recovered (null: none to check); an accepted move
	 * of a used version's effective_to is recorded (AMENDED) just before the run starts, under the
	 * nightly sequence lock
	 * @param orderGuard why the run may not start (yet), or null; asked under the run lock (RunOrder)
	 * @param command the command that resumes it, for the failure message
	 */
	public ExitCode launch(String label, Job job, String key, JobParameters identifying, JobParameters parameters,
			Path policy, Supplier<Refusal> orderGuard, String command, PrintWriter stdout, PrintWriter stderr) {
		long started = System.nanoTime();
		this.bulkWrites.announce();
		ExitCode code = launchChecked(label, job, key, identifying, parameters, policy, orderGuard, command, stdout,
				stderr);
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		for (RunObserver observer : this.observers) {
			try {
				observer.finished(job.getName(), key, code, took);
			}
			catch (RuntimeException ex) {
				log.warn("{} ended with exit {}, but {} could not record it: {}", label, code.code(),
						observer.getClass().getSimpleName(), ex.toString());
			}
		}
		return code;
	}

	private ExitCode launchChecked(String label, Job job, String key, JobParameters identifying,
			JobParameters parameters, Path policy, Supplier<Refusal> orderGuard, String command, PrintWriter stdout,
			PrintWriter stderr) {
		CheckedPolicy checked;
		try {
			PolicySet policies = policy == null ? null : PolicyLoader.load(policy);
			checked = policies == null ? null : new CheckedPolicy(policies, this.policyVersions.verify(policies, this.nights));
		}
		catch (PolicyException ex) {
			stderr.println(label + " not started: bad policy: " + ex.getMessage());
			return ExitCode.USAGE;
		}
		try {
			return launchOnce(label, job, key, identifying, parameters, checked, orderGuard, command, stdout, stderr);
		}
		catch (RuntimeException ex) {
			// The database went away where the framework could not record the failure itself.
			Optional<String> lost = DatabaseFailures.unreachable(ex);
			if (lost.isEmpty()) {
				throw ex;
			}
			unreachable(label, command, lost.get(), stderr);
			return ExitCode.FAILED;
		}
	}

	private ExitCode launchOnce(String label, Job job, String key, JobParameters identifying, JobParameters parameters,
			CheckedPolicy policy, Supplier<Refusal> orderGuard, String command, PrintWriter stdout, PrintWriter stderr) {
		try (RunLocks.RunLock lock = this.locks.tryAcquire(job.getName(), key)) {
			if (lock == null) {
				JobExecution running = lastExecution(job.getName(), identifying);
				stderr.println(label + " is already running" + (running == null ? ""
						: " (execution " + running.getId() + ", started " + running.getStartTime() + ")")
						+ " in another process; not started again");
				return ExitCode.ALREADY_RUNNING;
			}
			return launchLocked(label, job, key, identifying, parameters, policy, orderGuard, command, stdout, stderr);
		}
	}

	private ExitCode launchLocked(String label, Job job, String key, JobParameters identifying, JobParameters parameters,
			CheckedPolicy policy, Supplier<Refusal> orderGuard, String command, PrintWriter stdout, PrintWriter stderr) {
		JobExecution last = lastExecution(job.getName(), identifying);
		if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
			boolean reported = this.reports.stream()
				.filter(r -> r.job().equals(job.getName()))
				.anyMatch(r -> r.writeIfMissing(this.jobRepository.getJobExecution(last.getId()))); // with its steps
			stdout.println(label + " is already complete (execution " + last.getId() + "); nothing to do"
					+ (reported ? " but its run report, missing, written again" : ""));
			return ExitCode.OK;
		}
		if (last != null && last.isRunning()) {
			// We hold the run lock, so no live process runs it: its process died (kill -9, lost machine) or lost the
			// database before it could record the failure.
			log.warn("{}: execution {} was left {} by a process that ended without recording its outcome (killed,"
					+ " or cut off from the database); recovering it", label, last.getId(), last.getStatus());
			stdout.println(label + ": execution " + last.getId() + " was left by a process that ended without recording"
					+ " its outcome; recovered, resuming from where it stopped");
			this.jobOperator.recover(last);
		}
		boolean nightly = NightlyRun.JOB.equals(job.getName());
		if (nightly) {
			// Nights run one at a time whatever their dates: no two can be the first, none can start while another
			// is between its order check and its end, and nothing changes the recorded policy while one runs.
			try (RunLocks.RunLock sequence = this.locks.tryAcquire(NightlyRun.JOB, RunLocks.SEQUENCE)) {
				if (sequence == null) {
					stderr.println(label + " is out of order: " + sequenceHolder(LocalDate.parse(key))
							+ "; nights run one at a time, in order of their dates");
					return ExitCode.OUT_OF_ORDER;
				}
				LocalDate night = LocalDate.parse(key);
				ExitCode prepared = prepare(label, policy, orderGuard, night, night, stdout, stderr);
				return prepared != null ? prepared : start(label, job, parameters, command, stdout, stderr);
			}
		}
		ExitCode prepared;
		if (policy != null && policy.checks().stream().anyMatch(PolicyVersions.Check::amendment)) {
			// A monthly run that records a move of a version's dates does so between nights, never during one.
			try (RunLocks.RunLock sequence = this.locks.tryAcquire(NightlyRun.JOB, RunLocks.SEQUENCE)) {
				if (sequence == null) {
					stderr.println(label + " is out of order: its policy directory moves a version's effective_to, which"
							+ " is recorded between nights only, and " + sequenceHolder(null) + "; run it again once that"
							+ " has ended");
					return ExitCode.OUT_OF_ORDER;
				}
				prepared = prepare(label, policy, orderGuard,
						this.nights.latest().map(d -> d.plusDays(1)).orElse(YearMonth.parse(key).atEndOfMonth().plusDays(1)),
						null, stdout, stderr);
			}
		}
		else {
			prepared = prepare(label, policy, orderGuard, null, null, stdout, stderr);
		}
		return prepared != null ? prepared : start(label, job, parameters, command, stdout, stderr);
	}

	/** Who holds the nightly sequence lock, as an operator reads it. */
	private String sequenceHolder(LocalDate other) {
		return this.nights.unfinishedOtherThan(other == null ? LocalDate.MIN : other)
			.map(d -> "nightly " + d + " is running in another process")
			.orElse("another process holds the nightly sequence (a nightly run, undo-first-night, or a monthly run"
					+ " recording a policy amendment)");
	}

	/**
	 * Under the locks, just before the job starts: the order guard, then the policy checked again
	 * (another process may have recorded or run something since the first check) and every move
	 * of a used version's effective_to recorded and said (AMENDED), in one transaction. Null when
	 * the job may start; else the exit code, the reason printed.
	 *
	 * @param changedOn the first business date decided under a move recorded now
	 * @param night the business date of a nightly run (null for a monthly one): the version in force
	 * on it is recorded as used (policy_version) in the same transaction, before the run starts, so
	 * a date a night has taken keeps its version whatever becomes of the run (a failed night is
	 * restarted under what its first attempt read; no version may come to cover it afterwards)
	 */
	private ExitCode prepare(String label, CheckedPolicy policy, Supplier<Refusal> orderGuard,
			LocalDate changedOn, LocalDate night, PrintWriter stdout, PrintWriter stderr) {
		Refusal refused = orderGuard.get();
		if (refused != null) {
			stderr.println(label + (refused.code() == ExitCode.OUT_OF_ORDER ? " is out of order: " : " not started: ")
					+ refused.message());
			return refused.code();
		}
		if (policy == null || changedOn == null) {
			return null;
		}
		List<String> said;
		try {
			said = this.transaction.execute(status -> {
				List<String> amended = this.policyVersions.recordAmendments(policy.policies(),
						this.policyVersions.verify(policy.policies(), this.nights), this.nights, changedOn, label);
				if (night != null) {
					policy.policies().inForceOn(night).ifPresent(v -> this.policyVersions.recordFirstUse(v, night));
				}
				return amended;
			});
		}
		catch (PolicyException ex) {
			stderr.println(label + " not started: bad policy: " + ex.getMessage());
			return ExitCode.USAGE;
		}
		for (String line : said) {
			log.warn("{}: {}", label, line);
			stdout.println(label + ": " + line);
		}
		return null;
	}

	private ExitCode start(String label, Job job, JobParameters parameters, String command, PrintWriter stdout,
			PrintWriter stderr) {
		JobExecution execution;
		try {
			execution = this.jobOperator.start(job, parameters);
		}
		catch (JobExecutionAlreadyRunningException ex) {
			stderr.println(label + " is already running: " + ex.getMessage());
			return ExitCode.ALREADY_RUNNING;
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			stdout.println(label + " is already complete; nothing to do");
			return ExitCode.OK;
		}
		catch (Exception ex) {
			Optional<String> lost = DatabaseFailures.unreachable(ex);
			if (lost.isPresent()) {
				unreachable(label, command, lost.get(), stderr);
			}
			else {
				stderr.println(label + " could not start: " + ex.getMessage());
			}
			return ExitCode.FAILED;
		}
		return report(label, command, execution, stdout, stderr);
	}

	/** What an operator reads when the database went away mid-run: not the input, not the program. */
	private static void unreachable(String label, String command, String cause, PrintWriter stderr) {
		log.error("{} FAILED: the database is unreachable or does not answer ({})", label, cause);
		stderr.println(label + " FAILED: the database is unreachable or does not answer (" + cause + ")");
		stderr.println("Nothing is wrong with the input. Once the database is back, run the same command again: it"
				+ " resumes where the run stopped (" + command + ")");
	}

	public JobExecution lastExecution(String jobName, JobParameters identifying) {
		JobInstance instance = this.jobRepository.getJobInstance(jobName, identifying);
		return instance == null ? null : this.jobRepository.getLastJobExecution(instance);
	}

	public boolean isCompleted(String jobName, JobParameters identifying) {
		JobExecution last = lastExecution(jobName, identifying);
		return last != null && last.getStatus() == BatchStatus.COMPLETED;
	}

	/**
	 * The first and last value of an identifying parameter (a date or month, ISO text) among the
	 * completed runs of {@code jobName}; empty when none has completed.
	 */
	public Optional<String[]> completedRange(String jobName, String parameter) {
		return this.jdbc.query("""
				SELECT MIN(p.PARAMETER_VALUE), MAX(p.PARAMETER_VALUE) FROM BATCH_JOB_EXECUTION e
				JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
				WHERE i.JOB_NAME = ? AND e.STATUS = 'COMPLETED' AND p.PARAMETER_NAME = ? AND p.IDENTIFYING = 'Y'""",
				(rs, i) -> rs.getString(1) == null ? null : new String[] { rs.getString(1), rs.getString(2) }, jobName,
				parameter).stream().filter(java.util.Objects::nonNull).findFirst();
	}

	private ExitCode report(String label, String command, JobExecution execution, PrintWriter stdout,
			PrintWriter stderr) {
		Duration took = execution.getStartTime() == null || execution.getEndTime() == null ? Duration.ZERO
				: Duration.between(execution.getStartTime(), execution.getEndTime());
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			stdout.println(label + " completed in " + took.toMillis() + " ms (execution " + execution.getId() + ")");
			String summary = execution.getExecutionContext().getString(RunReport.SUMMARY_KEY, "");
			summary.lines().forEach(line -> stdout.println("  " + line));
			return ExitCode.OK;
		}
		String failedStep = execution.getStepExecutions()
			.stream()
			.filter(s -> s.getStatus().isUnsuccessful())
			.map(StepExecution::getStepName)
			.map(HashPartitions::stepOf)
			.findFirst()
			.orElse("?");
		List<Throwable> failures = failures(execution);
		Optional<String> lost = failures.stream().map(DatabaseFailures::unreachable).flatMap(Optional::stream).findFirst();
		if (lost.isPresent()) {
			unreachable(label + " (execution " + execution.getId() + ", step " + failedStep + ")", command, lost.get(),
					stderr);
			return ExitCode.FAILED;
		}
		if (!failures.isEmpty() && !expected(failures.get(0))) {
			log.error("{} failed in step {}", label, failedStep, failures.get(0));
		}
		stderr.println(label + " FAILED in step " + failedStep + " (execution " + execution.getId() + "): "
				+ rootMessage(failures));
		stderr.println("Fix the cause, then run the same command again (" + command + "): it checks the policy and the"
				+ " input again (a file changed since it was read is read again), then goes on from step " + failedStep);
		return ExitCode.FAILED;
	}

	/**
	 * What failed, the parts of a partitioned step first: the step's own failure says only that a
	 * part failed ("Partition handler returned an unsuccessful step"), the part's says why.
	 */
	private static List<Throwable> failures(JobExecution execution) {
		List<Throwable> failures = new ArrayList<>();
		execution.getStepExecutions()
			.stream()
			.sorted(Comparator.comparing(s -> !HashPartitions.isPart(s.getStepName()))) // stable: parts first
			.forEach(s -> failures.addAll(s.getFailureExceptions()));
		failures.addAll(execution.getFailureExceptions());
		return failures;
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

	/** Failures about the input or the ledger, not the program: their message says all, no stack trace. */
	private static boolean expected(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof ExpectedFailure) {
				return true;
			}
		}
		return false;
	}

}
