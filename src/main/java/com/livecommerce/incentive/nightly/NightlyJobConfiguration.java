package com.livecommerce.incentive.nightly;

import com.livecommerce.incentive.common.Lanes;
import com.livecommerce.incentive.common.RunPaths;
import com.livecommerce.incentive.policy.PolicyException;
import com.livecommerce.incentive.policy.PolicyVersions;
import com.livecommerce.incentive.runs.NightlyHistory;
import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.runs.RunReport;
import java.nio.file.Path;
import java.util.List;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The nightly job for business date D (SPEC §1), top to bottom. Each step is a bean of its
 * feature's configuration (ingest, risk, allocation, notification, ledger); steps talk only
 * through tables. docs/jobs.md ("Nightly, for business date D") draws the chain.
 */
@Configuration
public class NightlyJobConfiguration {

	/**
	 * What the night decides once its input is staged: apply it; risk, before any claim of D
	 * (expiry, statuses and clawbacks); allocation (pools, baselines, claims, benchmark outcomes,
	 * first come first served). The growth baselines read only what earlier runs stored and the
	 * day's sessions, which are in place from the ingest on, so they are worked out beside the
	 * apply and risk steps. The nightly job runs it between the input gate and its messages; a
	 * simulated night (simulation/) runs it on stored input in a scratch schema.
	 */
	@Bean
	public Flow decideTheNight(Step applyInput, Step expireCoupons, Step evaluateRisk, Step openPools, Step baselines,
			Step deriveClaims, Step settleBenchmarks, Step allocate) {
		Flow applyAndRisk = ready(new FlowBuilder<SimpleFlow>("apply-and-risk").start(applyInput)
			.next(expireCoupons)
			.next(evaluateRisk)
			.next(openPools)
			.build());
		return new FlowBuilder<SimpleFlow>("decide-the-night").split(lanes())
			.add(applyAndRisk, ready(new FlowBuilder<SimpleFlow>("growth-baselines").start(baselines).build()))
			.next(deriveClaims)
			.next(settleBenchmarks)
			.next(allocate)
			.build();
	}

	/**
	 * The run's policy directory, as the run reads it (its PolicySet is job-scoped: every step of
	 * this execution uses what was checked here), is still what the recorded versions allow: the
	 * launcher checked it and recorded any move of an effective_to before the job started, so a
	 * difference now means the directory changed in between. Runs again on every restart.
	 */
	@Bean
	Step checkPolicy(JobRepository jobRepository, PlatformTransactionManager transactionManager, NightlyRun run,
			JdbcTemplate jdbc) {
		return new StepBuilder("check-policy", jobRepository).tasklet((contribution, context) -> {
			List<PolicyVersions.Check> pending = new PolicyVersions(jdbc).verify(run.policies(), new NightlyHistory(jdbc))
				.stream()
				.filter(PolicyVersions.Check::amendment)
				.toList();
			if (!pending.isEmpty()) {
				throw new PolicyException("the policy directory changed after the run was launched: version \""
						+ pending.get(0).policy().version() + "\" now ends on " + pending.get(0).policy().effectiveTo()
						+ ", recorded " + pending.get(0).recordedEffectiveTo() + ". Run the same command again: the"
						+ " launcher checks and records the move first");
			}
			return RepeatStatus.FINISHED;
		}, transactionManager).allowStartIfComplete(true).build();
	}

	@Bean
	Job nightlyJob(JobRepository jobRepository, JdbcTemplate jdbc,
			// the policy the run reads is the one the launcher checked; ingest: every file there with its
			// header; brands and accounts first (the others are checked against them), then sessions in one
			// lane and the four other files in another
			Step checkPolicy, Step checkInput, Step ingestBrands, Step ingestAccounts, Step ingestBroadcasts, Step ingestStoreRisk,
			Step ingestViolations, Step ingestBenchmarkEvents, Step ingestCouponUsage,
			// too many bad rows stop the run here, before anything is applied; then all of it in one transaction,
			// and what the night decides
			Step inputGate, Flow decideTheNight,
			// then, side by side (neither reads what the other writes): the night's messages and their
			// batch; the day's summary and the ledger invariants of SPEC §6, or the run fails
			Step notifySessionRewards, Step notifyStatusChanges, Step notifyClawbacks, Step publishNotifications,
			Step dailySummary, Step checkLedger, RunReport nightlyRunReport) {
		Flow lanes = ready(new FlowBuilder<SimpleFlow>("ingest-lanes").split(lanes())
			.add(ready(new FlowBuilder<SimpleFlow>("ingest-sessions").start(ingestBroadcasts).build()),
					ready(new FlowBuilder<SimpleFlow>("ingest-snapshots").start(ingestStoreRisk)
						.next(ingestViolations)
						.next(ingestBenchmarkEvents)
						.next(ingestCouponUsage)
						.build()))
			.build());
		return new JobBuilder(NightlyRun.JOB, jobRepository)
			.start(ready(new FlowBuilder<SimpleFlow>("ingest-referenced").start(checkPolicy)
				.next(checkInput)
				.next(ingestBrands)
				.next(ingestAccounts)
				.build()))
			.next(lanes)
			.next(inputGate)
			.next(decideTheNight)
			.next(ready(new FlowBuilder<SimpleFlow>("after-allocation").split(lanes())
				.add(ready(new FlowBuilder<SimpleFlow>("messages").start(notifySessionRewards)
					.next(notifyStatusChanges)
					.next(notifyClawbacks)
					.next(publishNotifications)
					.build()),
						ready(new FlowBuilder<SimpleFlow>("summary-and-ledger").start(dailySummary).next(checkLedger).build()))
				.build()))
			.end()
			.listener(nightlyRunReport)
			.build();
	}

	/** {@code <out>/<D>/run-report.txt} and {@code .json}; written again by a rerun that finds one missing. */
	@Bean
	RunReport nightlyRunReport(JdbcTemplate jdbc) {
		return new RunReport(NightlyRun.JOB, NightlyJobConfiguration::outDay, e -> NightFigures.of(jdbc, businessDate(e)),
				NightFigures::summary);
	}

	private static java.time.LocalDate businessDate(JobExecution execution) {
		return execution.getJobParameters().getLocalDate(NightlyRun.BUSINESS_DATE);
	}

	private static Path outDay(JobExecution execution) {
		return RunPaths.under(Path.of(execution.getJobParameters().getString(NightlyRun.OUT)), businessDate(execution));
	}

	/**
	 * A flow built inline, initialised at once (a flow that is a bean is initialised by Spring):
	 * otherwise its steps are found only once it has run, and the job could not name them before
	 * (JobOperatorTestUtils.startStep, the check for duplicate step names).
	 */
	private static Flow ready(Flow flow) {
		try {
			((SimpleFlow) flow).afterPropertiesSet();
		}
		catch (Exception ex) {
			throw new IllegalStateException("flow " + flow.getName() + " is not valid", ex);
		}
		return flow;
	}

	/** Threads for the two lanes of a split (the machine this is measured on has two cores). */
	private static TaskExecutor lanes() {
		return Lanes.of("lane-", 2);
	}

}
