package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.pools.Pools;
import com.livecommerce.incentive.common.DeferredReader;
import com.livecommerce.incentive.common.KeyRanges;
import com.livecommerce.incentive.common.ParallelProperties;
import com.livecommerce.incentive.common.Transactions;
import com.livecommerce.incentive.runs.MonthlyRun;
import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.runs.Progress;
import java.util.List;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The allocation steps, as beans. Nightly: open-pools, baselines (growth), derive-claims (cold
 * start and growth, per account), settle-benchmarks, allocate (first come first served) and, at
 * the end of the night, daily-summary. Monthly: close-pools.
 */
@Configuration
public class AllocationConfiguration {

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final JdbcTemplate jdbc;

	private final NightlyRun run;

	private final int chunkSize;

	private final int parts;

	AllocationConfiguration(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			JdbcTemplate jdbc, NightlyRun run, AllocationProperties properties, ParallelProperties parallel) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.jdbc = jdbc;
		this.run = run;
		this.chunkSize = properties.chunkSize();
		this.parts = parallel.parts();
	}

	/** The month's pools with the caps of the version in force; the version recorded on first use. */
	@Bean
	Step openPools() {
		return new StepBuilder("open-pools", this.jobRepository)
			.tasklet(new OpenPoolsTasklet(this.run, this.jdbc), this.transactionManager)
			.build();
	}

	/**
	 * The growth baseline of each account of the day, set-based. It runs beside apply-input, which
	 * adds the day's rows to account_day_total: at READ COMMITTED its reads of earlier runs' rows
	 * are plain consistent reads, so neither step waits for the other's locks. It runs again on
	 * every restart: it reads which accounts the day's sessions are of, and a restart may find
	 * them staged again from a file upstream changed before it was applied (RandomRestartTest).
	 */
	@Bean
	Step baselines() {
		return new StepBuilder("baselines", this.jobRepository)
			.tasklet(new ClaimBaselineTasklet(this.run, this.jdbc), this.transactionManager)
			.transactionAttribute(Transactions.READ_COMMITTED)
			.allowStartIfComplete(true)
			.build();
	}

	/**
	 * The accounts with sessions on the day, one at a time, through eligibility and the cold-start
	 * and growth rules: their claims, and every account-day's decision. Accounts are independent
	 * here (first come first served is allocate's), so they are derived in parts side by side, by
	 * ranges of the account id that hold as many of the day's sessions each: the decisions are
	 * keyed by account, and each part appends them in order ({@link KeyRanges}).
	 */
	@Bean
	Step deriveClaims() {
		Step part = new StepBuilder("derive-claims-part", this.jobRepository)
			.<AccountDay, ClaimRules.Outcome>chunk(this.chunkSize)
			.transactionManager(this.transactionManager)
			.reader(DeferredReader.fromContext(context -> new AccountDayReader(this.jdbc.getDataSource(), this.run,
					KeyRanges.range(context))))
			.processor(new ClaimRules(this.run, this.jdbc))
			.writer(chunk -> {
				ClaimStore.insert(this.jdbc,
						chunk.getItems().stream().flatMap(o -> o.claims().stream()).toList());
				EligibilityDecisions.insert(this.jdbc,
						chunk.getItems().stream().map(ClaimRules.Outcome::decision).toList());
			})
			.listener((StepListener) new Progress("accounts", null))
			.build();
		return KeyRanges.of("derive-claims", this.jobRepository, part, this.parts,
				parts -> KeyRanges.quantiles(this.jdbc, parts, "broadcast_session WHERE business_date = ?", "account_id",
						this.run.businessDate()));
	}

	/** Benchmark events matched to the day's sessions, their outcomes and claims. */
	@Bean
	Step settleBenchmarks() {
		return new StepBuilder("settle-benchmarks", this.jobRepository)
			.tasklet(new BenchmarkSettlement(this.run, this.jdbc), this.transactionManager)
			.build();
	}

	/** Every claim of the day served first come first served within the caps. */
	@Bean
	Step allocate() {
		return new StepBuilder("allocate", this.jobRepository).<Claim, Claim>chunk(this.chunkSize)
			.transactionManager(this.transactionManager)
			.reader(new DeferredReader<>(() -> FirstComeFirstServed.claimsInOrder(this.jdbc.getDataSource(),
					this.run.businessDate())))
			.writer(new FirstComeFirstServed(this.run, this.jdbc))
			.listener((StepListener) new Progress("claims", () -> this.jdbc.queryForObject(
					"SELECT COUNT(*) FROM claim WHERE business_date = ?", Long.class, this.run.businessDate())))
			.build();
	}

	/** The night's last summary: one daily_summary row per program. */
	@Bean
	Step dailySummary() {
		return new StepBuilder("daily-summary", this.jobRepository)
			.tasklet(new DailySummaryTasklet(this.run, this.jdbc), this.transactionManager)
			.build();
	}

	/** The monthly job closes the month's pools: later clawbacks of its grants return nothing to them. */
	@Bean
	Step closePools(MonthlyRun month) {
		return new StepBuilder("close-pools", this.jobRepository).tasklet((contribution, context) -> {
			new Pools(this.jdbc).close(month.poolMonth());
			return RepeatStatus.FINISHED;
		}, this.transactionManager).build();
	}

}
