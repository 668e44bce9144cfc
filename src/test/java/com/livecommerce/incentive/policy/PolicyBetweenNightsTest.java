package com.livecommerce.incentive.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.ExamplePolicy;
import com.livecommerce.incentive.support.NightlySteps;
import com.livecommerce.incentive.support.TestDatabase;
import com.livecommerce.incentive.support.Triggers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * A move of a used version's dates is recorded between nights only, and a night runs under the
 * directory its launcher checked: the monthly job does not record one while a night runs (exit 4,
 * then it does once the night has ended), and a night whose directory changed after its launch
 * stops in its first step, check-policy, before it reads or writes anything else.
 */
class PolicyBetweenNightsTest {

	@TempDir
	Path temp;

	private Path endingOn(String end) {
		return ExamplePolicy.endingOn(this.temp, "ends-" + end, end);
	}

	@Test
	void theMonthlyJobRecordsAMoveOnlyWhileNoNightRuns() throws Exception {
		Path out = this.temp.resolve("out");
		try (TestDatabase db = TestDatabase.create()) {
			Cli cli = new Cli(db);
			assertThat(cli.run("nightly", "--from", "2023-11-29", "--to", "2023-11-30", "--inbox", Cli.EXAMPLE_INBOX,
					"--out", out.toString(), "--policy", Cli.EXAMPLE_POLICY).exitCode()).isZero();
			Path amended = endingOn("2023-12-05");
			Triggers.slowInsert(db, "slow", "stg_brand", "NEW.brand_id = 'BR-FOOD'", 5);
			CompletableFuture<Cli.Result> night = CompletableFuture
				.supplyAsync(() -> cli.nightly("2023-12-01", Cli.EXAMPLE_INBOX, out, Cli.EXAMPLE_POLICY));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (db.count("BATCH_JOB_EXECUTION WHERE STATUS = 'STARTED'") == 0) {
				assertThat(System.nanoTime()).as("the night started").isLessThan(deadline);
				Thread.sleep(50);
			}
			Cli.Result during = cli.run("monthly", "--month", "2023-11", "--out", out.toString(), "--policy",
					amended.toString());
			assertThat(during.exitCode()).as(during.toString()).isEqualTo(4);
			assertThat(during.err()).contains("recorded between nights only", "nightly 2023-12-01 is running");
			assertThat(db.count("policy_version_change")).isZero();
			assertThat(night.get().exitCode()).isZero();
			Triggers.drop(db, "slow");

			Cli.Result after = cli.run("monthly", "--month", "2023-11", "--out", out.toString(), "--policy",
					amended.toString());
			assertThat(after.exitCode()).as(after.toString()).isZero();
			assertThat(after.out()).contains("AMENDED: policy version \"2023-11-29\" now ends on 2023-12-05");
			assertThat(db.jdbc().queryForObject("SELECT CONCAT(changed_on, ' ', recorded_by) FROM policy_version_change",
					String.class)).isEqualTo("2023-12-02 monthly 2023-11");
		}
	}

	@Test
	void aNightWhoseDirectoryChangedAfterItsLaunchStopsInItsFirstStep() throws IOException {
		try (TestDatabase db = TestDatabase.create()) {
			assertThat(new Cli(db).exampleNight("2023-11-29", this.temp.resolve("out")).exitCode()).isZero();
			try (NightlySteps steps = new NightlySteps(db)) {
				// as if the file had been edited between the launcher's check and the job's first step
				Path moved = endingOn("2023-12-10");
				JobExecution changed = steps.start("check-policy", parameters(moved));
				assertThat(changed.getStatus()).isEqualTo(BatchStatus.FAILED);
				assertThat(changed.getAllFailureExceptions()).singleElement()
					.satisfies(e -> assertThat(e).isInstanceOf(PolicyException.class)
						.hasMessageContaining("the policy directory changed after the run was launched")
						.hasMessageContaining("now ends on 2023-12-10, recorded 2023-12-28"));
				assertThat(db.count("policy_version_change")).isZero();
				JobExecution same = steps.start("check-policy", parameters(Path.of(Cli.EXAMPLE_POLICY)));
				assertThat(same.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			}
		}
	}

	private static org.springframework.batch.core.job.parameters.JobParameters parameters(Path policy) {
		return new JobParametersBuilder().addLocalDate(NightlyRun.BUSINESS_DATE, LocalDate.of(2023, 11, 30))
			.addString(NightlyRun.INBOX, Path.of(Cli.EXAMPLE_INBOX).toAbsolutePath().toString())
			.addString(NightlyRun.OUT, Path.of("target/check-policy-step").toAbsolutePath().toString())
			.addString(NightlyRun.POLICY, policy.toAbsolutePath().toString())
			.addLong("attempt", System.nanoTime())
			.toJobParameters();
	}

}
