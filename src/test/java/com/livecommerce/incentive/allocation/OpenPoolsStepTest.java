package com.livecommerce.incentive.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.IncentiveBatchApplication;
import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.support.TestDatabase;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A step of the nightly job started alone (spring-batch-test's JobOperatorTestUtils.startStep):
 * open-pools on an empty database opens the month's three pools with the caps of the version in
 * force, and records the version's text on its first use.
 */
class OpenPoolsStepTest {

	@Test
	void openPoolsAloneOpensTheMonthsPoolsWithTheCapsInForce() {
		try (TestDatabase db = TestDatabase.create();
				ConfigurableApplicationContext context = new SpringApplicationBuilder(IncentiveBatchApplication.class)
					.web(WebApplicationType.NONE)
					.logStartupInfo(false)
					.run(db.springArguments().toArray(String[]::new))) {
			JobOperatorTestUtils steps = new JobOperatorTestUtils(context.getBean(JobOperator.class),
					context.getBean(JobRepository.class));
			steps.setJob(context.getBean("nightlyJob", Job.class));
			JobExecution execution = steps.startStep("open-pools", new JobParametersBuilder()
				.addLocalDate(NightlyRun.BUSINESS_DATE, LocalDate.of(2023, 12, 1))
				.addString(NightlyRun.INBOX, Path.of("jobs/examples/inbox").toAbsolutePath().toString())
				.addString(NightlyRun.OUT, Path.of("target/open-pools-step").toAbsolutePath().toString())
				.addString(NightlyRun.POLICY, Path.of("jobs/policy").toAbsolutePath().toString())
				.toJobParameters(), new ExecutionContext());
			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(db.jdbc().queryForList("""
					SELECT CONCAT(pool_month, ' ', program, ' ', monthly_cap, ' ', remaining_coupons) FROM pool_balance
					ORDER BY program""", String.class))
				.containsExactly("2023-12 BENCHMARK 5000 5000", "2023-12 COLD_START 2000 2000", "2023-12 GROWTH 20000 20000");
			assertThat(db.jdbc().queryForList("SELECT CONCAT(version, ' ', first_used_on) FROM policy_version", String.class))
				.containsExactly("2023-11-29 2023-12-01");
		}
	}

}
