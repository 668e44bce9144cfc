package com.livecommerce.incentive.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.ChildProcess;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.TestDatabase;
import com.livecommerce.incentive.support.Triggers;
import com.livecommerce.incentive.support.Wait;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulation runs while a real nightly run is going on: the real night (a separate process,
 * slowed in its allocation by a trigger) holds its locks; the simulation of earlier dates reads the
 * real schema without waiting for them, completes first with the actual figures, and the real
 * night then completes as usual.
 */
class SimulateDuringANightTest {

	@TempDir
	Path temp;

	@Test
	void aSimulationCompletesWhileARealNightHoldsItsLocks() throws Exception {
		try (TestDatabase real = TestDatabase.create()) {
			Cli cli = new Cli(real);
			Path out = this.temp.resolve("out");
			Cli.Result nights = cli.run("nightly", "--from", "2023-11-29", "--to", "2023-12-02", "--inbox",
					Cli.EXAMPLE_INBOX, "--out", out.toString(), "--policy", Cli.EXAMPLE_POLICY);
			assertThat(nights.exitCode()).as(nights.toString()).isZero();
			Triggers.slowInsert(real, "slow_grants_of_1203", "coupon_grant", "NEW.business_date = '2023-12-03'", 0.2);
			Process night = ChildProcess.start(real, this.temp.resolve("night.log"), Map.of(), "nightly", "--date",
					"2023-12-03", "--inbox", Cli.EXAMPLE_INBOX, "--out", out.toString(), "--policy", Cli.EXAMPLE_POLICY);
			try {
				Wait.until(() -> real.jdbc().queryForObject("""
						SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'allocate' AND STATUS = 'STARTED'""",
						Integer.class) > 0, Duration.ofSeconds(120), () -> "the real night reaches allocate");

				Path simOut = this.temp.resolve("sim");
				Cli.Result simulated = cli.run("simulate", "--policy", Cli.EXAMPLE_POLICY, "--from", "2023-11-30",
						"--to", "2023-12-02", "--out", simOut.toString(), "--name", "during");
				boolean nightStillRunning = night.isAlive();
				assertThat(simulated.exitCode()).as(simulated.toString()).isZero();
				assertThat(nightStillRunning).as("the simulation ran and ended while the real night was running")
					.isTrue();
				for (CSVRecord row : csv(simOut.resolve("simulations/during/comparison.csv"))) {
					assertThat(row.get("coupons_granted_simulated")).as(row.toString())
						.isEqualTo(row.get("coupons_granted_actual"));
					assertThat(row.get("pool_remaining_simulated")).as(row.toString())
						.isEqualTo(row.get("pool_remaining_actual"));
				}

				assertThat(night.waitFor(180, TimeUnit.SECONDS)).isTrue();
				assertThat(night.exitValue()).as(Files.readString(this.temp.resolve("night.log"))).isZero();
			}
			finally {
				night.destroyForcibly();
				real.jdbc().execute("DROP DATABASE IF EXISTS `" + ScratchSchema.of(real.name(), "during") + "`");
			}
		}
	}

	private static List<CSVRecord> csv(Path file) throws IOException {
		return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(Files.newBufferedReader(file))
			.getRecords();
	}

}
