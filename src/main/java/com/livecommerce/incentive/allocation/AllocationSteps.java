package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.common.DeferredReader;
import com.livecommerce.incentive.nightly.NightlyRun;
import com.livecommerce.incentive.runs.Progress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.core.listener.StepListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.batch.infrastructure.item.database.support.MySqlPagingQueryProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The allocation steps of the nightly job, in order: open-pools, baselines (growth), derive-claims (cold start and
 * growth, per account), settle-benchmarks, allocate (first come first served); and daily-summary,
 * which closes the night.
 */
public class AllocationSteps {

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	private final NightlyRun run;

	private final int chunkSize;

	public AllocationSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
			NightlyRun run, AllocationProperties properties) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.jdbc = jdbc;
		this.dataSource = jdbc.getDataSource();
		this.run = run;
		this.chunkSize = properties.chunkSize();
	}

	/** open-pools, baselines, derive-claims, settle-benchmarks, allocate. */
	public List<Step> steps() {
		return List.of(tasklet("open-pools", new OpenPoolsTasklet(this.run, this.jdbc)),
				tasklet("baselines", new ClaimBaselineTasklet(this.run, this.jdbc)), deriveClaims(),
				tasklet("settle-benchmarks", new BenchmarkSettlement(this.run, this.jdbc)), allocate());
	}

	/** The night's last summary: one daily_summary row per program. */
	public Step dailySummary() {
		return tasklet("daily-summary", new DailySummaryTasklet(this.run, this.jdbc));
	}

	private Step deriveClaims() {
		return new StepBuilder("derive-claims", this.jobRepository).<AccountDay, List<Claim>>chunk(this.chunkSize)
			.transactionManager(this.transactionManager)
			.reader(AccountDayReader.create(this.dataSource, this.run))
			.processor(new ClaimRules(this.run, this.jdbc))
			.writer(new ClaimWriter(this.jdbc))
			.listener((StepListener) new Progress("accounts", null))
			.build();
	}

	private Step allocate() {
		return new StepBuilder("allocate", this.jobRepository).<Claim, Claim>chunk(this.chunkSize)
			.transactionManager(this.transactionManager)
			.reader(new DeferredReader<>(this::claimsInOrder))
			.writer(new FirstComeFirstServed(this.run, this.jdbc))
			.listener((StepListener) new Progress("claims", () -> this.jdbc.queryForObject(
					"SELECT COUNT(*) FROM claim WHERE business_date = ?", Long.class, this.run.businessDate())))
			.build();
	}

	/** The day's claims in first-come-first-served order, paged by that order (restart resumes after the last key). */
	private JdbcPagingItemReader<Claim> claimsInOrder() {
		Map<String, Order> order = new LinkedHashMap<>();
		order.put("program", Order.ASCENDING);
		order.put("claimed_at", Order.ASCENDING);
		order.put("session_id", Order.ASCENDING);
		MySqlPagingQueryProvider query = new MySqlPagingQueryProvider();
		query.setSelectClause("SELECT " + ClaimStore.COLUMNS);
		query.setFromClause("FROM claim");
		query.setWhereClause("WHERE business_date = :businessDate");
		query.setSortKeys(order);
		try {
			return new JdbcPagingItemReaderBuilder<Claim>().name("claims-in-order")
				.dataSource(this.dataSource)
				.queryProvider(query)
				.parameterValues(Map.of("businessDate", this.run.businessDate()))
				.pageSize(this.chunkSize)
				.rowMapper(ClaimStore::map)
				.build();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Step tasklet(String name, Tasklet tasklet) {
		return new StepBuilder(name, this.jobRepository).tasklet(tasklet, this.transactionManager).build();
	}

}
