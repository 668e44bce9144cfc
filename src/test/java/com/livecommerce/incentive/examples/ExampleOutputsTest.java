package com.livecommerce.incentive.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.common.Sha256;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.Migrations;
import com.livecommerce.incentive.support.OutputFiles;
import com.livecommerce.incentive.support.TableDump;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The outputs of the example days (five nights, the last two under the amended policy, and the
 * monthly job of November) are exactly the
 * ones recorded in {@code src/test/resources/examples/outputs.sha256}: every table the jobs write
 * and every file they leave (run reports aside: they hold wall-clock times), one digest each. A
 * change of code that is meant to change no result (a refactoring, a speed-up) must leave this
 * file as it is; a change of the rules or the inbox regenerates it with
 * {@code -Dexample.regenerate=true} and says why in its commit. The partitioned steps give the
 * same outputs in the default two parts as in three (the digests were recorded before they were
 * partitioned at all).
 */
class ExampleOutputsTest {

	private static final Path RECORDED = Path.of("src/test/resources/examples/outputs.sha256");

	/** The example policy as amended before the night of 12-02: the nights from then on run under it. */
	static final String AMENDED = "jobs/examples/policy-amended";

	@TempDir
	Path temp;

	@ParameterizedTest(name = "in {0} part(s)")
	@ValueSource(ints = { 2, 3 })
	void theExampleDaysWriteExactlyTheRecordedOutputs(int parts) throws IOException {
		try (TestDatabase db = TestDatabase.create()) {
			Cli cli = new Cli(db, "--incentive.parallel.parts=" + parts);
			Path out = this.temp.resolve("out");
			Cli.Result nights = cli.run("nightly", "--from", "2023-11-29", "--to", "2023-12-01", "--inbox",
					"jobs/examples/inbox", "--out", out.toString(), "--policy", "jobs/examples/policy");
			assertThat(nights.exitCode()).as(nights.toString()).isZero();
			// the platform ends the example version on 12-01 and hands on to a successor (README)
			Cli.Result amended = cli.run("nightly", "--from", "2023-12-02", "--to", "2023-12-03", "--inbox",
					"jobs/examples/inbox", "--out", out.toString(), "--policy", AMENDED);
			assertThat(amended.exitCode()).as(amended.toString()).isZero();
			assertThat(amended.out()).contains("nightly 2023-12-02: AMENDED: policy version \"2023-11-29\" now ends on"
					+ " 2023-12-01 (was 2023-12-28)");
			Cli.Result month = cli.run("monthly", "--month", "2023-11", "--out", out.toString(), "--policy", AMENDED);
			assertThat(month.exitCode()).as(month.toString()).isZero();
			List<String> digests = new ArrayList<>();
			TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES)
				.forEach((table, rows) -> digests.add("table " + table + " " + rows.size() + " " + Sha256.of(String.join("\n", rows))));
			for (Map.Entry<String, String> file : OutputFiles.of(out).entrySet()) {
				digests.add("file " + file.getKey() + " " + Sha256.of(file.getValue()));
			}
			String actual = String.join("\n", digests) + "\n";
			if (Boolean.getBoolean("example.regenerate") && parts == 2) {
				Files.createDirectories(RECORDED.getParent());
				Files.writeString(RECORDED, actual, StandardCharsets.UTF_8);
			}
			assertThat(actual).as("outputs of the example days (regenerate with -Dexample.regenerate=true)")
				.isEqualTo(Files.readString(RECORDED, StandardCharsets.UTF_8));
		}
	}

}
