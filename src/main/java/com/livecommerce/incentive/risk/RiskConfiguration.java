package com.livecommerce.incentive.risk;

import com.livecommerce.incentive.policy.Policy;
import com.livecommerce.incentive.runs.NightlyRun;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The risk steps of the nightly job (SPEC §2.7), as beans: expire-coupons, then evaluate-risk
 * (statuses, then clawbacks, in one transaction), both before any claim of the night is allocated.
 */
@Configuration
public class RiskConfiguration {

	private static final Logger log = LoggerFactory.getLogger(RiskConfiguration.class);

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final JdbcTemplate jdbc;

	private final NightlyRun run;

	RiskConfiguration(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
			NightlyRun run) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.jdbc = jdbc;
		this.run = run;
	}

	/** Unused coupons whose last valid day is before the business date expire. */
	@Bean
	Step expireCoupons() {
		return new StepBuilder("expire-coupons", this.jobRepository)
			.tasklet(new ExpireCouponsTasklet(this.run, this.jdbc), this.transactionManager)
			.build();
	}

	/**
	 * Account statuses for the business date, then clawbacks of unused coupons; one transaction,
	 * all of it or none.
	 */
	@Bean
	Step evaluateRisk() {
		return new StepBuilder("evaluate-risk", this.jobRepository).tasklet((contribution, context) -> {
			LocalDate date = this.run.businessDate();
			Policy.Risk risk = this.run.policies().forIngestOn(date).risk();
			AccountStatuses.Changes statuses = new AccountStatuses(this.jdbc).decide(date, risk);
			int clawbacks = new Clawbacks(this.jdbc).clawBack(date, statuses.disqualifiedToday());
			contribution.incrementWriteCount(statuses.changes() + clawbacks);
			log.info("risk: {} accounts with a trigger or a status, {} status changes, {} clawbacks",
					statuses.accountsWithFacts(), statuses.changes(), clawbacks);
			return RepeatStatus.FINISHED;
		}, this.transactionManager).build();
	}

}
