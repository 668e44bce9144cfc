package com.livecommerce.incentive.nightly;

import com.livecommerce.incentive.common.RunPaths;
import com.livecommerce.incentive.allocation.AllocationProperties;
import com.livecommerce.incentive.allocation.AllocationSteps;
import com.livecommerce.incentive.ingest.ApplyInputTasklet;
import com.livecommerce.incentive.ingest.CheckInputTasklet;
import com.livecommerce.incentive.ingest.IngestProperties;
import com.livecommerce.incentive.ingest.IngestSteps;
import com.livecommerce.incentive.ingest.InputFile;
import com.livecommerce.incentive.ingest.InputGateTasklet;
import com.livecommerce.incentive.ledger.CheckLedgerTasklet;
import com.livecommerce.incentive.notification.NotificationProperties;
import com.livecommerce.incentive.notification.NotificationSteps;
import com.livecommerce.incentive.risk.ExpireCouponsTasklet;
import com.livecommerce.incentive.risk.RiskTasklet;
import com.livecommerce.incentive.runs.RunReport;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.FlowJobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The nightly job for business date D, top to bottom (SPEC §1):
 * <ol>
 * <li>check-input: every required file is there with the right header;</li>
 * <li>ingest-*: each extract streamed into staging, bad rows to rejected_input (brands and
 * accounts first, then sessions in parallel with the other files);</li>
 * <li>input-gate: rejects files written, too many bad rows fail the run here;</li>
 * <li>apply-input: staged rows merged into the tables in one transaction;</li>
 * <li>expire-coupons: unused coupons whose last valid day is before D expire;</li>
 * <li>evaluate-risk: account statuses and clawbacks, before any claim of D is allocated;</li>
 * <li>open-pools: the month's pools with the caps of the version in force;</li>
 * <li>baselines: the growth baseline of each account of the day, set-based;</li>
 * <li>derive-claims: cold-start and growth claims, one account at a time;</li>
 * <li>settle-benchmarks: benchmark events matched to sessions, their claims and outcomes;</li>
 * <li>allocate: every claim served first come first served within the caps;</li>
 * <li>notify-*: the night's messages, publish-notifications: their batch file and batch row;</li>
 * <li>daily-summary: one row per program;</li>
 * <li>check-ledger: the invariants of SPEC §6 over the month's pools, or the run fails.</li>
 * </ol>
 */
@Configuration
public class NightlyJobConfiguration {

	public static final String JOB_NAME = "nightly";

	@Bean
	@JobScope
	NightlyRun nightlyRun(@Value("#{jobParameters['" + NightlyRun.BUSINESS_DATE + "']}") LocalDate businessDate,
			@Value("#{jobParameters['" + NightlyRun.INBOX + "']}") String inbox,
			@Value("#{jobParameters['" + NightlyRun.OUT + "']}") String out,
			@Value("#{jobParameters['" + NightlyRun.POLICY + "']}") String policy) {
		return new NightlyRun(businessDate, Path.of(inbox), Path.of(out), Path.of(policy));
	}

	@Bean
	Job nightlyJob(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
			NightlyRun run, IngestProperties ingestProperties, AllocationProperties allocationProperties,
			NotificationProperties notificationProperties) {
		IngestSteps ingest = new IngestSteps(jobRepository, transactionManager, jdbc, run, ingestProperties);
		// brands.csv and accounts.csv first: the other files are checked against them. Then two
		// lanes in parallel, one per core: broadcasts.csv, by far the largest, and the others.
		Flow referenced = new FlowBuilder<SimpleFlow>("ingest-referenced")
			.start(tasklet("check-input", new CheckInputTasklet(run), jobRepository, transactionManager, true))
			.next(ingest.step(InputFile.BRANDS))
			.next(ingest.step(InputFile.ACCOUNTS))
			.build();
		Flow lanes = new FlowBuilder<SimpleFlow>("ingest-lanes").split(ingestLanes())
			.add(lane("ingest-sessions", ingest, InputFile.BROADCASTS),
					lane("ingest-snapshots", ingest, InputFile.STORE_RISK, InputFile.VIOLATIONS,
							InputFile.BENCHMARK_EVENTS, InputFile.COUPON_USAGE))
			.build();
		FlowBuilder<FlowJobBuilder> job = new JobBuilder(JOB_NAME, jobRepository).start(referenced)
			.next(lanes)
			.next(tasklet("input-gate", new InputGateTasklet(run, jdbc, ingestProperties), jobRepository,
					transactionManager, true))
			.next(tasklet("apply-input", new ApplyInputTasklet(run, jdbc), jobRepository, transactionManager, false))
			.next(tasklet("expire-coupons", new ExpireCouponsTasklet(run, jdbc), jobRepository, transactionManager, false))
			.next(tasklet("evaluate-risk", new RiskTasklet(run, jdbc), jobRepository, transactionManager, false));
		AllocationSteps allocation = new AllocationSteps(jobRepository, transactionManager, jdbc, run,
				allocationProperties);
		for (Step step : allocation.steps()) {
			job = job.next(step);
		}
		for (Step step : new NotificationSteps(jobRepository, transactionManager, jdbc, run, notificationProperties)
			.steps()) {
			job = job.next(step);
		}
		return job.next(allocation.dailySummary())
			.next(tasklet("check-ledger", new CheckLedgerTasklet(run, jdbc), jobRepository, transactionManager, true))
			.end()
			.listener(new RunReport(e -> RunPaths.under(Path.of(e.getJobParameters().getString(NightlyRun.OUT)),
					e.getJobParameters().getLocalDate(NightlyRun.BUSINESS_DATE)), e -> figures(jdbc,
						e.getJobParameters().getLocalDate(NightlyRun.BUSINESS_DATE))))
			.build();
	}

	/** Ingest steps of the given files, one after the other. */
	private static Flow lane(String name, IngestSteps ingest, InputFile... files) {
		FlowBuilder<SimpleFlow> lane = new FlowBuilder<SimpleFlow>(name).start(ingest.step(files[0]));
		for (int i = 1; i < files.length; i++) {
			lane = lane.next(ingest.step(files[i]));
		}
		return lane.build();
	}

	/**
	 * Threads for the ingest lanes. Each lane's thread runs with the job's execution registered,
	 * so that job-scoped beans ({@link NightlyRun}) resolve there as on the job's own thread.
	 */
	private static TaskExecutor ingestLanes() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("ingest-lane-");
		executor.setConcurrencyLimit(2);
		executor.setTaskDecorator(task -> {
			JobExecution execution = JobSynchronizationManager.getContext().getJobExecution();
			return () -> {
				JobSynchronizationManager.register(execution);
				try {
					task.run();
				}
				finally {
					JobSynchronizationManager.release();
				}
			};
		});
		return executor;
	}

	/** The night's figures for the run report. */
	private static Map<String, Object> figures(JdbcTemplate jdbc, LocalDate date) {
		Map<String, Object> figures = new LinkedHashMap<>();
		figures.put("input files", RunReport.figure(jdbc, """
				SELECT file_name, rows_read, rows_rejected, rows_redelivered FROM ingest_file
				WHERE business_date = ? ORDER BY file_name""", date));
		figures.put("programs", RunReport.figure(jdbc, """
				SELECT program, claims, granted, partial, rejected, coupons_granted, coupons_clawed_back, pool_remaining
				FROM daily_summary WHERE business_date = ? ORDER BY program""", date));
		// for finance: usage reported beyond what grants had left (capped) and usage that went down
		figures.put("usage adjustments", RunReport.figure(jdbc, """
				SELECT kind, COUNT(*) AS grants, SUM(reported_used_coupons) AS reported, SUM(counted_used_coupons) AS counted,
				  SUM(excess_coupons) AS excess FROM coupon_usage_adjustment WHERE business_date = ? GROUP BY kind
				ORDER BY kind""", date));
		figures.put("status changes", RunReport.figure(jdbc,
				"SELECT COUNT(*) FROM account_status WHERE effective_date = ?", date));
		figures.put("clawbacks", RunReport.figure(jdbc,
				"SELECT COUNT(*) AS clawbacks, COALESCE(SUM(clawed_coupons), 0) AS coupons FROM coupon_clawback"
						+ " WHERE business_date = ?", date));
		figures.put("messages", RunReport.figure(jdbc,
				"SELECT type, COUNT(*) AS messages FROM notification WHERE batch_id = ? GROUP BY type ORDER BY type",
				NotificationSteps.batchId(date)));
		return figures;
	}

	/**
	 * A one-transaction step. {@code rerunOnRestart}: checks that must hold again when a restart
	 * re-stages changed files run again even if they passed before.
	 */
	private static Step tasklet(String name, Tasklet tasklet, JobRepository jobRepository,
			PlatformTransactionManager transactionManager, boolean rerunOnRestart) {
		return new StepBuilder(name, jobRepository).tasklet(tasklet, transactionManager)
			.allowStartIfComplete(rerunOnRestart)
			.build();
	}

}
