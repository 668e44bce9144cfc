package com.livecommerce.incentive.ledger;

import com.livecommerce.incentive.runs.MonthlyRun;
import com.livecommerce.incentive.runs.NightlyRun;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The ledger checks of SPEC §6 as steps: check-ledger ends every night (over what the run
 * wrote), verify-ledger starts every monthly run (over the whole month, before it is closed or any
 * statement goes out). A broken invariant fails the run, naming the rows.
 */
@Configuration
public class LedgerConfiguration {

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final LedgerInvariants invariants;

	LedgerConfiguration(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.invariants = new LedgerInvariants(jdbc);
	}

	/**
	 * The night's part of the ledger (see {@link LedgerInvariants#checkRun}). Runs again on every
	 * restart: what a restarted run changed must hold too.
	 */
	@Bean
	Step checkLedger(NightlyRun run) {
		return check("check-ledger", () -> "the run of " + run.businessDate(),
				() -> this.invariants.checkRun(run.businessDate()), true);
	}

	/** Every invariant over the month's pools and every one of its grants. */
	@Bean
	Step verifyLedger(MonthlyRun run) {
		return check("verify-ledger", () -> "month " + run.poolMonth(), () -> this.invariants.check(run.poolMonth()),
				false);
	}

	private Step check(String name, Supplier<String> scope, Supplier<List<String>> violations, boolean rerunOnRestart) {
		return new StepBuilder(name, this.jobRepository).tasklet((contribution, context) -> {
			List<String> broken = violations.get();
			if (!broken.isEmpty()) {
				throw new LedgerInvariantException(scope.get(), broken);
			}
			return RepeatStatus.FINISHED;
		}, this.transactionManager).allowStartIfComplete(rerunOnRestart).build();
	}

}
