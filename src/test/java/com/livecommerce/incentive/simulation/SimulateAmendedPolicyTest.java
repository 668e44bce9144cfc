package com.livecommerce.incentive.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulate and explain read the versions as amended (issue 33): on the example days run as the
 * README runs them (the first version ended early on 12-01, a successor from 12-02), a simulation
 * over dates on both sides of the move under the amended directory reproduces every actual figure,
 * the published directory does not, and explain names the version each date ran under, with its
 * dates as moved.
 */
class SimulateAmendedPolicyTest {

	private static final String AMENDED = "jobs/examples/policy-amended";

	@TempDir
	Path temp;

	@Test
	void aSimulationAcrossTheAmendmentRunsEachDateUnderItsVersionAsAmended() throws IOException {
		try (TestDatabase real = TestDatabase.create()) {
			try {
				Cli cli = new Cli(real);
				Path out = this.temp.resolve("out");
				assertThat(cli.run("nightly", "--from", "2023-11-29", "--to", "2023-12-01", "--inbox", Cli.EXAMPLE_INBOX,
						"--out", out.toString(), "--policy", Cli.EXAMPLE_POLICY).exitCode()).isZero();
				assertThat(cli.run("nightly", "--from", "2023-12-02", "--to", "2023-12-03", "--inbox", Cli.EXAMPLE_INBOX,
						"--out", out.toString(), "--policy", AMENDED).exitCode()).isZero();

				Path simOut = this.temp.resolve("sim");
				Cli.Result same = cli.run("simulate", "--policy", AMENDED, "--from", "2023-11-30", "--to", "2023-12-03",
						"--out", simOut.toString(), "--name", "amended");
				assertThat(same.exitCode()).as(same.toString()).isZero();
				List<CSVRecord> rows = csv(simOut.resolve("simulations/amended/comparison.csv"));
				assertThat(rows).extracting(r -> r.get("business_date")).contains("2023-12-01", "2023-12-02");
				for (CSVRecord row : rows) {
					for (String figure : List.of("claims", "coupons_granted", "partial", "rejected", "pool_remaining")) {
						assertThat(row.get(figure + "_simulated")).as("%s %s %s", row.get("business_date"),
								row.get("program"), figure).isEqualTo(row.get(figure + "_actual"));
					}
				}

				// the published directory keeps the first version to 12-28: growth runs dry on 12-03 again
				Cli.Result published = cli.run("simulate", "--policy", Cli.EXAMPLE_POLICY, "--from", "2023-11-30", "--to",
						"2023-12-03", "--out", simOut.toString(), "--name", "published");
				assertThat(published.exitCode()).as(published.toString()).isZero();
				CSVRecord growth1203 = csv(simOut.resolve("simulations/published/comparison.csv")).stream()
					.filter(r -> r.get("business_date").equals("2023-12-03") && r.get("program").equals("GROWTH"))
					.findFirst()
					.orElseThrow();
				assertThat(Integer.parseInt(growth1203.get("coupons_granted_difference"))).isNegative();

				Cli.Result before = cli.run("explain", "--account", "ACC-GROW-1", "--date", "2023-12-01");
				assertThat(before.exitCode()).as(before.toString()).isZero();
				assertThat(before.out()).contains("2023-11-29 (2023-11-29 .. 2023-12-01)");
				Cli.Result after = cli.run("explain", "--account", "ACC-GROW-1", "--date", "2023-12-02");
				assertThat(after.exitCode()).as(after.toString()).isZero();
				assertThat(after.out()).contains("2023-12-02 (2023-12-02 .. 2023-12-28)", "agrees with what the run recorded");
			}
			finally {
				for (String name : List.of("amended", "published")) {
					real.jdbc().execute("DROP DATABASE IF EXISTS `" + ScratchSchema.of(real.name(), name) + "`");
				}
			}
		}
	}

	private static List<CSVRecord> csv(Path file) throws IOException {
		return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(Files.newBufferedReader(file))
			.getRecords();
	}

}
