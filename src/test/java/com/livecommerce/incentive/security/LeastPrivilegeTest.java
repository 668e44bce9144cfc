package com.livecommerce.incentive.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.livecommerce.incentive.db.RoleNames;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.Migrations;
import com.livecommerce.incentive.support.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;

/**
 * Least privilege (sql/V10__roles.sql): the schema owner migrates; the jobs run as a user with
 * the schema's batch role (rows only, no DDL); a user of its reader role reads the output tables of
 * SPEC §4 and nothing else.
 */
class LeastPrivilegeTest {

	static final List<String> READABLE = Migrations.DATA_READER_TABLES;

	static final String PASSWORD = "Pw-least-privilege-7Qx";

	@TempDir
	Path temp;

	@Test
	void theJobsRunWithoutDdlRightsAndTheReaderReadsOnlyTheOutputs() {
		try (TestDatabase db = TestDatabase.createEmpty()) {
			Cli.Result migrated = new Cli(db).run("migrate");
			assertThat(migrated.exitCode()).as(migrated.toString()).isZero();
			assertThat(migrated.out()).contains("schema is at version " + Migrations.latestVersion()).contains("nothing pending");
			String batchUser = "batch_" + db.name();
			String reader = "reader_" + db.name();
			DatabaseUsers users = new DatabaseUsers(db);
			try {
				users.create(batchUser, PASSWORD, RoleNames.batch(db.name()));
				users.create(reader, PASSWORD, RoleNames.reader(db.name()));
				TestDatabase asBatch = db.as(batchUser, PASSWORD);
				Cli.Result run = new Cli(asBatch, "--incentive.schema.migrate=false").run("nightly", "--date",
						"2023-11-29", "--inbox", "jobs/examples/inbox", "--policy", "jobs/examples/policy", "--out",
						this.temp.resolve("out").toString());
				assertThat(run.exitCode()).as(run.toString()).isZero();
				assertThat(db.count("coupon_grant")).isPositive();
				for (String ddl : List.of("CREATE TABLE intruder (i INT)", "DROP TABLE coupon_grant",
						"ALTER TABLE coupon_grant ADD COLUMN intruder INT", "TRUNCATE TABLE pool_balance",
						"CREATE USER intruder IDENTIFIED BY 'x'")) {
					assertThatThrownBy(() -> asBatch.jdbc().execute(ddl)).as(ddl).isInstanceOf(DataAccessException.class);
				}

				TestDatabase asReader = db.as(reader, PASSWORD);
				assertThat(asReader.jdbc().queryForList("SHOW TABLES", String.class)).as("all the reader can see")
					.containsExactlyInAnyOrderElementsOf(READABLE);
				for (String table : READABLE) {
					assertThat(asReader.count(table)).as(table).isEqualTo(db.count(table));
				}
				for (String write : List.of("DELETE FROM coupon_grant", "UPDATE pool_balance SET closed = 1",
						"INSERT INTO daily_summary (business_date, program) VALUES ('2023-11-29', 'X')",
						"INSERT INTO broadcast_session (session_id) VALUES ('x')", "CREATE TABLE intruder (i INT)",
						"DROP VIEW grant_balance")) {
					assertThatThrownBy(() -> asReader.jdbc().execute(write)).as(write)
						.isInstanceOf(DataAccessException.class);
				}
				for (String hidden : List.of("BATCH_JOB_EXECUTION", "BATCH_STEP_EXECUTION_CONTEXT", "QRTZ_TRIGGERS",
						"QRTZ_LOCKS", "broadcast_session", "account", "claim", "flyway_schema_history", "scheduled_run")) {
					assertThatThrownBy(() -> asReader.count(hidden)).as(hidden)
						.isInstanceOf(DataAccessException.class)
						.rootCause()
						.hasMessageContaining("denied");
				}
				assertThat(db.count("coupon_grant")).as("nothing the reader tried changed a row").isPositive();
			}
			finally {
				users.drop(batchUser);
				users.drop(reader);
			}
		}
	}

	@Test
	void aJobThatMayNotMigrateRefusesASchemaBehindTheJar() {
		try (TestDatabase db = TestDatabase.createEmpty()) {
			Cli.Result run = new Cli(db, "--incentive.schema.migrate=false").run("nightly", "--date", "2023-11-29",
					"--inbox", "jobs/examples/inbox", "--policy", "jobs/examples/policy", "--out",
					this.temp.resolve("out").toString());
			assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
			assertThat(run.err()).contains("the database schema is not the one this jar needs")
				.contains("run the `migrate` command as the schema owner");
			assertThat(db.jdbc().queryForList("SHOW TABLES", String.class)).as("nothing created").isEmpty();
		}
	}

	/**
	 * Issue 35 point 7: roles are per schema. Before, every schema this product was migrated into
	 * granted the one server-wide data_reader its tables: a reader given it for one schema read
	 * every other. Now a reader of one schema is refused in another, and the shared roles of V10 keep
	 * nothing of a schema migrated past V19.
	 */
	@Test
	void aReaderOfOneSchemaIsRefusedInAnother() {
		try (TestDatabase production = TestDatabase.createEmpty(); TestDatabase staging = TestDatabase.createEmpty()) {
			for (TestDatabase db : List.of(production, staging)) {
				Cli.Result migrated = new Cli(db).run("migrate");
				assertThat(migrated.exitCode()).as(migrated.toString()).isZero();
			}
			String analyst = "analyst_" + production.name();
			DatabaseUsers users = new DatabaseUsers(production);
			try {
				users.create(analyst, PASSWORD, RoleNames.reader(production.name()));
				TestDatabase asAnalyst = production.as(analyst, PASSWORD);
				assertThat(asAnalyst.count("coupon_grant")).isZero();
				assertThatThrownBy(() -> asAnalyst.jdbc().queryForObject("SELECT COUNT(*) FROM `" + staging.name()
						+ "`.coupon_grant", Long.class)).as("another schema's table")
					.isInstanceOf(DataAccessException.class)
					.rootCause()
					.hasMessageContaining("denied");
				for (String shared : List.of("data_reader", "incentive_batch")) {
					assertThat(production.jdbc().queryForList("SHOW GRANTS FOR " + shared, String.class))
						.as("the server-wide role %s keeps nothing of these schemas", shared)
						.noneMatch(g -> g.contains("`" + production.name() + "`") || g.contains("`" + staging.name() + "`"));
				}
			}
			finally {
				users.drop(analyst);
			}
		}
	}

}
