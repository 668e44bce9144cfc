package com.livecommerce.incentive.simulation;

import com.livecommerce.incentive.runs.NightlyRun;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A simulated night, in a scratch schema: the nightly job's own steps from apply-input on (risk,
 * pools, claims, benchmark, first come first served, summary, ledger check), fed by
 * {@link StoredInput} instead of the ingest steps, and without the notification steps (a
 * simulation sends nothing). Runs only in a context whose datasource is the scratch schema and
 * whose {@code incentive.simulation.source-schema} names the real one.
 */
@Configuration
public class SimulationJobConfiguration {

	/** The job's name in the scratch schema's job repository. */
	public static final String JOB = "simulated-night";

	@Bean
	Step stageStoredInput(JobRepository jobRepository, PlatformTransactionManager transactionManager, NightlyRun run,
			JdbcTemplate jdbc, @Value("${incentive.simulation.source-schema:}") String sourceSchema) {
		return new StepBuilder("stage-stored-input", jobRepository).tasklet((contribution, context) -> {
			if (sourceSchema.isBlank()) {
				throw new IllegalStateException("incentive.simulation.source-schema is not set: a simulated night reads"
						+ " its input from the real schema");
			}
			return new StoredInput(run, jdbc, sourceSchema).execute(contribution, context);
		}, transactionManager).build();
	}

	/** The nightly job's decideTheNight flow, between stored input and the day's summary and ledger check. */
	@Bean
	Job simulatedNight(JobRepository jobRepository, Step stageStoredInput, Flow decideTheNight, Step dailySummary,
			Step checkLedger) {
		return new JobBuilder(JOB, jobRepository)
			.start(new FlowBuilder<SimpleFlow>("stored-input").start(stageStoredInput).build())
			.next(decideTheNight)
			.next(dailySummary)
			.next(checkLedger)
			.end()
			.build();
	}

}
