package com.livecommerce.incentive.runs;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * database) would otherwise pin the database for good. While that night is the only one and no
 * month has been closed, everything in the database came from it: this empties every table the
 * jobs write and forgets the night's run, in one transaction, so the next night is a first night
 * again. The schema, the scheduler's tables and the Quartz state stay. Files the night wrote under
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
		List<JobInstance> nights = this.jobRepository.findJobInstances(NightlyRun.JOB);
		if (nights.isEmpty()) {
			stderr.println("no night has run on this database: nothing to undo");
			return ExitCode.USAGE;
		}
		List<LocalDate> dates = nights.stream().map(this::businessDate).distinct().sorted().toList();
		if (dates.size() > 1 || !dates.get(0).equals(date)) {
			stderr.println("undo-first-night undoes the first night only while it is the only one; this database has"
					+ " nights of " + describe(dates) + ". Nothing was changed");
			return ExitCode.USAGE;
		}
		if (!this.jobRepository.findJobInstances(MonthlyRun.JOB).isEmpty()) {
			stderr.println("a month has been closed on this database: its first night can no longer be undone."
					+ " Nothing was changed");
			return ExitCode.USAGE;
		}
		try (RunLocks.RunLock lock = this.locks.tryAcquire(NightlyRun.JOB, date.toString())) {
			if (lock == null) {
				stderr.println("nightly " + date + " is running in another process; not undone");
				return ExitCode.ALREADY_RUNNING;
			}
			JobInstance night = nights.get(0);
			JobExecution last = this.jobRepository.getLastJobExecution(night);
			String out = last == null ? null : last.getJobParameters().getString(NightlyRun.OUT);
			List<String> tables = jobTables();
			this.transaction.executeWithoutResult(status -> {
				for (String table : tables) {
					// names from the catalog, not from any input
					this.jdbc.update("DELETE FROM `" + table.replace("`", "``") + "`");
				}
				this.jobRepository.deleteJobInstance(night);
			});
			log.warn("undo-first-night: the night of {} was undone ({} tables emptied, its run forgotten)", date,
					tables.size());
			stdout.println("the night of " + date + " was undone: the " + tables.size() + " tables the jobs write are"
					+ " empty again and its run is forgotten; the next night is a first night again");
			if (out != null) {
				stdout.println("its files were left in " + out + "/" + date + " (notification batch, rejects, run report):"
						+ " if the messaging system already sent that batch, its messages went out");
			}
			return ExitCode.OK;
		}
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
