package com.livecommerce.incentive.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.TestDatabase;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs' SQL draws no warning from the server (MySQL 8 deprecates VALUES() in ON DUPLICATE KEY
 * UPDATE, warns on INSERT IGNORE's skipped rows …): over the five example days and the monthly
 * job, every statement the jobs ran in the test's database, counted by the server's
 * performance_schema (statement digests), has no warning. One kind is meant: a load that keeps
 * the rows already there ({@code LOAD DATA … IGNORE}, how a chunk of the day's files finds the keys
 * an earlier chunk or run stored) warns once per row it skipped, and LoadDataLocal reads every one
 * of those warnings: each must be a duplicate key, one per row not loaded, or the load fails. The
 * digest counts do not say which warning it was, so those loads are left to that check. Needs
 * performance_schema (on for the embedded test server and MySQL 8; the test is skipped on a server
 * that has it off).
 */
class SqlWarningsTest {

	@TempDir
	Path temp;

	@Test
	void theExampleDaysRunWithoutASingleSqlWarning() {
		try (TestDatabase db = TestDatabase.create()) {
			assumeTrue(Boolean.TRUE.equals(db.jdbc().queryForObject("SELECT @@performance_schema = 1", Boolean.class)),
					"performance_schema is off on this server");
			Map<String, Long> before = warnings(db);
			Cli cli = new Cli(db);
			Cli.Result nights = cli.run("nightly", "--from", "2023-11-29", "--to", "2023-12-03", "--inbox",
					Cli.EXAMPLE_INBOX, "--out", this.temp.toString(), "--policy", Cli.EXAMPLE_POLICY);
			assertThat(nights.exitCode()).as(nights.toString()).isZero();
			Cli.Result month = cli.run("monthly", "--month", "2023-11", "--out", this.temp.toString(), "--policy",
					Cli.EXAMPLE_POLICY);
			assertThat(month.exitCode()).as(month.toString()).isZero();
			Map<String, Long> after = warnings(db);
			List<String> warned = after.entrySet()
				.stream()
				.filter(e -> e.getValue() > before.getOrDefault(e.getKey(), 0L))
				.filter(e -> !e.getKey().startsWith("LOAD DATA LOCAL INFILE ? IGNORE INTO TABLE "))
				.map(e -> (e.getValue() - before.getOrDefault(e.getKey(), 0L)) + " warnings: " + e.getKey())
				.sorted()
				.toList();
			assertThat(warned).as("statements with warnings on %s", db.serverVersion()).isEmpty();
			assertThat(after).as("the digests were counted").isNotEmpty();
		}
	}

	/** Warnings so far per statement digest of the test's database. */
	private static Map<String, Long> warnings(TestDatabase db) {
		Map<String, Long> warnings = new HashMap<>();
		db.jdbc().query("""
				SELECT DIGEST_TEXT, SUM_WARNINGS FROM performance_schema.events_statements_summary_by_digest
				WHERE SCHEMA_NAME = ?""", rs -> {
			warnings.merge(String.valueOf(rs.getString(1)), rs.getLong(2), Long::sum);
		}, db.name());
		return warnings;
	}

}
