package com.livecommerce.incentive.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.OutputFiles;
import com.livecommerce.incentive.support.TableDump;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate} on the example days: the policy actually used reproduces the actual figures;
 * a lower cap shows fewer coupons; the real tables, job runs and files are left exactly as they
 * were.
 */
class SimulateCommandTest {

	@TempDir
	Path temp;

	@Test
	void simulatesTheExampleDaysBesideTheActualRunsAndTouchesNothingReal() throws IOException {
		try (TestDatabase real = TestDatabase.create()) {
			try {
				simulate(real);
			}
			finally { // the scratch schemas live beside the test database on the same server
				for (String name : List.of("same", "lower", "sweep_1", "sweep_2", "sweep_3")) {
					real.jdbc().execute("DROP DATABASE IF EXISTS `" + ScratchSchema.of(real.name(), name) + "`");
				}
			}
		}
	}

	private void simulate(TestDatabase real) throws IOException {
		{
			Cli cli = new Cli(real);
			Path out = this.temp.resolve("out");
			Cli.Result nights = cli.run("nightly", "--from", "2023-11-29", "--to", "2023-12-03", "--inbox",
					Cli.EXAMPLE_INBOX, "--out", out.toString(), "--policy", Cli.EXAMPLE_POLICY);
			assertThat(nights.exitCode()).as(nights.toString()).isZero();
			// every table of the real schema: outputs, inputs as kept, the job repository, Quartz, Flyway
			List<String> allTables = real.jdbc().queryForList("""
					SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME""",
					String.class);
			assertThat(allTables).contains("coupon_grant", "BATCH_JOB_EXECUTION", "flyway_schema_history");
			Map<String, List<String>> tablesBefore = TableDump.of(real.jdbc(), allTables);
			long runsBefore = real.count("BATCH_JOB_EXECUTION");
			Map<String, String> filesBefore = OutputFiles.of(out);

			Path simOut = this.temp.resolve("sim");
			Cli.Result same = cli.run("simulate", "--policy", Cli.EXAMPLE_POLICY, "--from", "2023-11-30", "--to",
					"2023-12-03", "--out", simOut.toString(), "--name", "same");
			assertThat(same.exitCode()).as(same.toString()).isZero();
			assertThat(same.out()).contains("simulated 2023-11-30", "simulated 2023-12-03", "comparison.csv");
			List<CSVRecord> rows = csv(simOut.resolve("simulations/same/comparison.csv"));
			assertThat(rows).isNotEmpty();
			for (CSVRecord row : rows) {
				for (String figure : List.of("claims", "coupons_granted", "partial", "rejected", "pool_ran_dry_at",
						"brands_served", "accounts_served", "face_value_fen", "pool_remaining")) {
					assertThat(row.get(figure + "_simulated")).as("%s %s %s", row.get("business_date"),
							row.get("program"), figure).isEqualTo(row.get(figure + "_actual"));
				}
			}
			String page = Files.readString(simOut.resolve("simulations/same/index.html"));
			assertThat(page).contains("<svg", "Burn-down", "No brand gets a different number of coupons");

			// a lower GROWTH cap: fewer growth coupons from the day the pool runs dry
			Path lower = this.temp.resolve("lower");
			OutputFiles.copy(Path.of(Cli.EXAMPLE_POLICY), lower);
			Path file = lower.resolve("2023-11-29.yaml");
			Files.writeString(file, Files.readString(file).replace("monthly_cap: 450", "monthly_cap: 300"));
			Cli.Result cut = cli.run("simulate", "--policy", lower.toString(), "--from", "2023-11-30", "--to",
					"2023-12-03", "--out", simOut.toString(), "--name", "lower");
			assertThat(cut.exitCode()).as(cut.toString()).isZero();
			List<CSVRecord> growth = csv(simOut.resolve("simulations/lower/comparison.csv")).stream()
				.filter(r -> r.get("program").equals("GROWTH"))
				.toList();
			assertThat(growth.stream().mapToInt(r -> Integer.parseInt(r.get("coupons_granted_difference"))).sum())
				.isNegative();
			assertThat(Files.readString(simOut.resolve("simulations/lower/index.html"))).contains("class=\"down\"");

			// a sweep of the growth cap: one simulation per value, one page with a curve per value
			Cli.Result sweep = cli.run("simulate", "--policy", Cli.EXAMPLE_POLICY, "--from", "2023-11-30", "--to",
					"2023-12-03", "--out", simOut.toString(), "--name", "sweep", "--sweep", "GROWTH.monthly_cap=300,450,600");
			assertThat(sweep.exitCode()).as(sweep.toString()).isZero();
			assertThat(sweep.out()).contains("sweep GROWTH.monthly_cap = 300 (1 of 3)", "(3 of 3)");
			Path swept = simOut.resolve("simulations/sweep");
			int[] granted = new int[3];
			List<String> values = List.of("300", "450", "600");
			for (int i = 0; i < 3; i++) {
				granted[i] = csv(swept.resolve("GROWTH.monthly_cap=" + values.get(i)).resolve("comparison.csv")).stream()
					.filter(r -> r.get("program").equals("GROWTH"))
					.mapToInt(r -> Integer.parseInt(r.get("coupons_granted_simulated")))
					.sum();
			}
			assertThat(granted[0]).as("a smaller cap grants fewer").isLessThan(granted[1]);
			assertThat(granted[1]).as("450 is the cap actually used").isEqualTo(csv(
					swept.resolve("GROWTH.monthly_cap=450/comparison.csv")).stream()
				.filter(r -> r.get("program").equals("GROWTH"))
				.mapToInt(r -> Integer.parseInt(r.get("coupons_granted_actual")))
				.sum());
			assertThat(granted[2]).as("a larger cap grants no fewer").isGreaterThanOrEqualTo(granted[1]);
			String sweepPage = Files.readString(swept.resolve("index.html"));
			assertThat(sweepPage).contains("GROWTH.monthly_cap = 300", "GROWTH.monthly_cap = 600", "actual runs");
			assertThat(sweepPage.split("<polyline", -1).length - 1).as("per program: the actual curve and one per value")
				.isEqualTo(3 * 4);
			assertThat(cli.run("simulate", "--policy", Cli.EXAMPLE_POLICY, "--from", "2023-11-30", "--to", "2023-12-03",
					"--out", simOut.toString(), "--sweep", "GROWTH.tiers=1,2").exitCode()).isEqualTo(2);

			assertThat(TableDump.of(real.jdbc(), allTables)).as("every real table as it was")
				.isEqualTo(tablesBefore);
			assertThat(real.count("BATCH_JOB_EXECUTION")).as("no job run recorded in the real schema").isEqualTo(runsBefore);
			assertThat(OutputFiles.of(out)).as("every real file as it was").isEqualTo(filesBefore);

			Cli.Result notRun = cli.run("simulate", "--policy", Cli.EXAMPLE_POLICY, "--from", "2023-12-03", "--to",
					"2023-12-04", "--out", simOut.toString());
			assertThat(notRun.exitCode()).isEqualTo(2);
			assertThat(notRun.err()).contains("the nightly run of 2023-12-04 has not completed");
		}
	}

	private static List<CSVRecord> csv(Path file) throws IOException {
		return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(Files.newBufferedReader(file))
			.getRecords();
	}

}
