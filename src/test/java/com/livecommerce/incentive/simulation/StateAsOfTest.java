package com.livecommerce.incentive.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.Migrations;
import com.livecommerce.incentive.support.TableDump;
import com.livecommerce.incentive.support.TestDatabase;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The groundwork of simulate: a scratch schema given the real state as of the end of a night, and
 * then the following nights run on it, ends with exactly the rows of the real schema (every table
 * the nightly job writes, notifications aside: a simulation sends nothing).
 */
class StateAsOfTest {

	@TempDir
	Path temp;

	@Test
	void theStateOfANightThenTheNightsAfterItEndExactlyAsTheRealRun() {
		List<String> tables = Migrations.OUTPUT_TABLES.stream()
			.filter(t -> !List.of("notification", "notification_batch", "monthly_summary").contains(t))
			.toList();
		try (TestDatabase real = TestDatabase.create()) {
			Cli.Result nights = new Cli(real).run("nightly", "--from", "2023-11-29", "--to", "2023-12-03", "--inbox",
					Cli.EXAMPLE_INBOX, "--out", this.temp.resolve("real").toString(), "--policy", Cli.EXAMPLE_POLICY);
			assertThat(nights.exitCode()).as(nights.toString()).isZero();
			Map<String, List<String>> expected = TableDump.of(real.jdbc(), tables);
			for (LocalDate asOf : List.of(LocalDate.of(2023, 11, 29), LocalDate.of(2023, 11, 30), LocalDate.of(2023, 12, 2))) {
				try (TestDatabase scratch = TestDatabase.create()) {
					StateAsOf.copy(scratch.jdbc(), real.name(), asOf);
					Cli.Result rest = new Cli(scratch).run("nightly", "--from", asOf.plusDays(1).toString(), "--to",
							"2023-12-03", "--inbox", Cli.EXAMPLE_INBOX, "--out",
							this.temp.resolve("scratch-" + asOf).toString(), "--policy", Cli.EXAMPLE_POLICY);
					assertThat(rest.exitCode()).as(rest.toString()).isZero();
					Map<String, List<String>> actual = TableDump.of(scratch.jdbc(), tables);
					for (String table : tables) {
						assertThat(actual.get(table)).as("%s after the nights from %s", table, asOf.plusDays(1))
							.containsExactlyElementsOf(expected.get(table));
					}
				}
			}
		}
	}

}
