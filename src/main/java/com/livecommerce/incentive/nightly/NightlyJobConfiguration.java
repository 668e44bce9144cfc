package com.livecommerce.incentive.nightly;

import com.livecommerce.incentive.common.RunPaths;
import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.runs.RunReport;
import java.nio.file.Path;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The nightly job for business date D (SPEC §1), top to bottom. Each step is a bean of its
 * feature's configuration (ingest, risk, allocation, notification, ledger); steps talk only
 * through tables. docs/nightly.md draws the chain.
 */
@Configuration
public class NightlyJobConfiguration {

	/**
	 * What the night decides once its input is staged: apply it; risk, before any claim of D
	 * (expiry, statuses and clawbacks); allocation (pools, baselines, claims, benchmark outcomes,
	 * first come first served). The nightly job runs it between the input gate and its messages; a
	 * simulated night (simulation/) runs it on stored input in a scratch schema.
	 */
	@Bean
	public Flow decideTheNight(Step applyInput, Step expireCoupons, Step evaluateRisk, Step openPools, Step baselines,
			Step deriveClaims, Step settleBenchmarks, Step allocate) {
		return new FlowBuilder<SimpleFlow>("decide-the-night").start(applyInput)
			.next(expireCoupons)
			.next(evaluateRisk)
			.next(openPools)
			.next(baselines)
			.next(deriveClaims)
			.next(settleBenchmarks)
			.next(allocate)
			.build();
	}

	@Bean
	Job nightlyJob(JobRepository jobRepository, JdbcTemplate jdbc,
			// ingest: every file there with its header; brands and accounts first (the others are checked
			// against them), then sessions in one lane and the four other files in another
			Step checkInput, Step ingestBrands, Step ingestAccounts, Step ingestBroadcasts, Step ingestStoreRisk,
			Step ingestViolations, Step ingestBenchmarkEvents, Step ingestCouponUsage,
			// too many bad rows stop the run here, before anything is applied; then all of it in one transaction,
			// and what the night decides
			Step inputGate, Flow decideTheNight,
			// then, side by side (neither reads what the other writes): the night's messages and their
			// batch; the day's summary and the ledger invariants of SPEC §6, or the run fails
			Step notifySessionRewards, Step notifyStatusChanges, Step notifyClawbacks, Step publishNotifications,
			Step dailySummary, Step checkLedger) {
		Flow lanes = new FlowBuilder<SimpleFlow>("ingest-lanes").split(lanes())
			.add(new FlowBuilder<SimpleFlow>("ingest-sessions").start(ingestBroadcasts).build(),
					new FlowBuilder<SimpleFlow>("ingest-snapshots").start(ingestStoreRisk)
						.next(ingestViolations)
						.next(ingestBenchmarkEvents)
						.next(ingestCouponUsage)
						.build())
			.build();
		return new JobBuilder(NightlyRun.JOB, jobRepository)
			.start(new FlowBuilder<SimpleFlow>("ingest-referenced").start(checkInput)
				.next(ingestBrands)
				.next(ingestAccounts)
				.build())
			.next(lanes)
			.next(inputGate)
			.next(decideTheNight)
			.next(new FlowBuilder<SimpleFlow>("after-allocation").split(lanes())
				.add(new FlowBuilder<SimpleFlow>("messages").start(notifySessionRewards)
					.next(notifyStatusChanges)
					.next(notifyClawbacks)
					.next(publishNotifications)
					.build(), new FlowBuilder<SimpleFlow>("summary-and-ledger").start(dailySummary).next(checkLedger).build())
				.build())
			.end()
			.listener(new RunReport(NightlyJobConfiguration::outDay, e -> NightFigures.of(jdbc, businessDate(e)),
					NightFigures::summary))
			.build();
	}

	private static java.time.LocalDate businessDate(JobExecution execution) {
		return execution.getJobParameters().getLocalDate(NightlyRun.BUSINESS_DATE);
	}

	private static Path outDay(JobExecution execution) {
		return RunPaths.under(Path.of(execution.getJobParameters().getString(NightlyRun.OUT)), businessDate(execution));
	}

	/**
	 * Threads for the lanes of a split, one per core. Each lane's thread runs with the job's
	 * execution registered, so that job-scoped beans ({@link NightlyRun}) resolve there as on the
	 * job's own thread.
	 */
	private static TaskExecutor lanes() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("lane-");
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

}
