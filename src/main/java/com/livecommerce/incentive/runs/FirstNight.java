package com.livecommerce.incentive.runs;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code undo-first-night}: the way out of a first night run on the wrong date. Every later night
 * must follow the first day by day, so a wrong first date (a typo, a test run against the real
 * database) would otherwise pin the database for good; a first night that failed and is not to
 * be resumed pins it too (SPEC §5: no other date runs until it completes or is undone). While no
 * other night has completed and no month has been closed, everything in the database came from
 * it: this empties every table the jobs write and forgets its runs, in one transaction, so the
 * next night is a first night again. The schema, the scheduler's tables and the Quartz state stay. Files the night wrote under
 * its out directory are left where they are, and named, for the operator to deal with (its
 * notification batch may already have been sent).
 */
@Component
public class FirstNight {

	private static final Logger log = LoggerFactory.getLogger(FirstNight.class);

	private final JobRepository jobRepository;

	private final JdbcTemplate jdbc;

	private final RunLocks locks;

	private final TransactionTemplate transaction;

	public FirstNight(JobRepository jobRepository, JdbcTemplate jdbc, RunLocks locks,
			PlatformTransactionManager transactionManager) {
		this.jobRepository = jobRepository;
		this.jdbc = jdbc;
		this.locks = locks;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	public ExitCode undo(LocalDate date, PrintWriter stdout, PrintWriter stderr) {
		// the checks and the removal under the locks every night holds while it runs: nothing completes meanwhile
		try (RunLocks.RunLock lock = this.locks.tryAcquire(NightlyRun.JOB, date.toString());
				RunLocks.RunLock sequence = lock == null ? null : this.locks.tryAcquire(NightlyRun.JOB, RunLocks.SEQUENCE)) {
			if (lock == null || sequence == null) {
				stderr.println("a nightly run is running in another process (or holds the nightly sequence); not undone");
				return ExitCode.ALREADY_RUNNING;
			}
			return undoLocked(date, stdout, stderr);
		}
	}

	private ExitCode undoLocked(LocalDate date, PrintWriter stdout, PrintWriter stderr) {
		List<JobInstance> nights = this.jobRepository.findJobInstances(NightlyRun.JOB);
		if (nights.isEmpty()) {
			stderr.println("no night has run on this database: nothing to undo");
			return ExitCode.USAGE;
		}
		List<LocalDate> dates = nights.stream().map(this::businessDate).distinct().sorted().toList();
		List<LocalDate> completed = nights.stream()
			.filter(n -> this.jobRepository.getLastJobExecution(n).getStatus() == BatchStatus.COMPLETED)
			.map(this::businessDate)
			.distinct()
			.sorted()
			.toList();
		// The first night is the one that completed; while none has, the first one started (a failed or dead first
		// attempt is undone like a completed one). Attempts of other dates that never completed are what an older
		// version let run beside it: they go with it.
		LocalDate first = completed.isEmpty() ? businessDate(nights.stream()
			.min(java.util.Comparator.comparing(JobInstance::getInstanceId))
			.orElseThrow()) : completed.get(0);
		if (completed.size() > 1 || !first.equals(date)) {
			stderr.println("undo-first-night undoes the first night only, while no other night has completed; this"
					+ " database has nights of " + describe(dates)
					+ (completed.isEmpty() ? ", none completed" : ", completed: " + describe(completed))
					+ (completed.size() > 1 ? "" : "; its first night is " + first + " (undo-first-night --date " + first + ")")
					+ ". Nothing was changed");
			return ExitCode.USAGE;
		}
		if (!this.jobRepository.findJobInstances(MonthlyRun.JOB).isEmpty()) {
			stderr.println("a month has been closed on this database: its first night can no longer be undone."
					+ " Nothing was changed");
			return ExitCode.USAGE;
		}
		List<String> outs = nights.stream()
			.map(this.jobRepository::getLastJobExecution)
			.filter(java.util.Objects::nonNull)
			.map(e -> e.getJobParameters().getString(NightlyRun.OUT) + "/"
					+ e.getJobParameters().getLocalDate(NightlyRun.BUSINESS_DATE))
			.distinct()
			.sorted()
			.toList();
		List<String> tables = jobTables();
		this.transaction.executeWithoutResult(status -> {
			for (String table : tables) {
				// names from the catalog, not from any input
				this.jdbc.update("DELETE FROM `" + table.replace("`", "``") + "`");
			}
			nights.forEach(this.jobRepository::deleteJobInstance);
		});
		log.warn("undo-first-night: the night of {} was undone ({} tables emptied, {} run(s) forgotten)", date,
				tables.size(), nights.size());
		stdout.println("the night of " + date + " was undone: the " + tables.size() + " tables the jobs write are"
				+ " empty again and its run is forgotten; the next night is a first night again");
		List<LocalDate> others = dates.stream().filter(d -> !d.equals(date)).toList();
		if (!others.isEmpty()) {
			stdout.println("the attempts of " + describe(others) + ", which never completed, were forgotten with it");
		}
		for (String out : outs) {
			stdout.println("its files were left in " + out + " (notification batch, rejects, run report):"
					+ " if the messaging system already sent that batch, its messages went out");
		}
		return ExitCode.OK;
	}

	private LocalDate businessDate(JobInstance instance) {
		JobExecution last = this.jobRepository.getLastJobExecution(instance);
		return last.getJobParameters().getLocalDate(NightlyRun.BUSINESS_DATE);
	}

	private static String describe(List<LocalDate> dates) {
		return dates.size() == 1 ? dates.get(0).toString()
				: dates.get(0) + " to " + dates.get(dates.size() - 1) + " (" + dates.size() + " dates)";
	}

	/**
	 * Every table of the schema the jobs write: all but Spring Batch's and Quartz's, Flyway's
	 * history and the scheduler's own log.
	 */
	private List<String> jobTables() {
		return this.jdbc.queryForList("""
				SELECT table_name FROM information_schema.tables
				WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'
				  AND UPPER(table_name) NOT LIKE 'BATCH\\_%' AND UPPER(table_name) NOT LIKE 'QRTZ\\_%'
				  AND table_name NOT IN ('flyway_schema_history', 'scheduled_run')
				ORDER BY table_name""", String.class);
	}

}
