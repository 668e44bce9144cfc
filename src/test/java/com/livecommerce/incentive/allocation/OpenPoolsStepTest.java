package com.livecommerce.incentive.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.support.NightlySteps;
import com.livecommerce.incentive.support.TestDatabase;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * A step of the nightly job started alone (spring-batch-test's JobOperatorTestUtils.startStep):
 * open-pools on an empty database opens the month's three pools with the caps of the version in
 * force, and records the version's text on its first use.
 */
class OpenPoolsStepTest {

	@Test
	void openPoolsAloneOpensTheMonthsPoolsWithTheCapsInForce() {
		try (TestDatabase db = TestDatabase.create(); NightlySteps steps = new NightlySteps(db)) {
			JobExecution execution = steps.start("open-pools", new JobParametersBuilder()
				.addLocalDate(NightlyRun.BUSINESS_DATE, LocalDate.of(2023, 12, 1))
				.addString(NightlyRun.INBOX, Path.of("jobs/examples/inbox").toAbsolutePath().toString())
				.addString(NightlyRun.OUT, Path.of("target/open-pools-step").toAbsolutePath().toString())
				.addString(NightlyRun.POLICY, Path.of("jobs/policy").toAbsolutePath().toString())
				.toJobParameters());
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
