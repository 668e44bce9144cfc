package com.livecommerce.incentive.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.simulation.ScratchSchema;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate} runs on exactly the privileges docs/simulate.md names (issue 34 point 4):
 * SELECT and SHOW VIEW on the real schema, every privilege on {@code <real>_sim_%}. It creates no
 * role, grants nothing, and a simulation that fails leaves no scratch schema behind. Before the fix
 * the scratch schema was migrated, roles migration included: such a user got exit 1 with a stack
 * trace, and a half-migrated schema stayed.
 */
class SimulateLeastPrivilegeTest {

	@TempDir
	Path temp;

	@Test
	void aSimulationOnTheNamedPrivilegesCreatesNoRoleAndAFailedOneLeavesNothing() {
		try (TestDatabase db = TestDatabase.create()) {
			assertThat(new Cli(db).run("nightly", "--from", "2023-11-29", "--to", "2023-11-30", "--inbox",
					Cli.EXAMPLE_INBOX, "--out", this.temp.resolve("out").toString(), "--policy", Cli.EXAMPLE_POLICY)
				.exitCode()).isZero();
			String scratchPattern = "`" + (db.name() + "_sim_").replace("_", "\\_") + "%`.*";
			String simulator = "sim_" + db.name();
			String narrow = "simno_" + db.name();
			DatabaseUsers users = new DatabaseUsers(db);
			try {
				users.createWith(simulator, LeastPrivilegeTest.PASSWORD, "SELECT, SHOW VIEW ON `" + db.name() + "`.*",
						"ALL ON " + scratchPattern);
				users.createWith(narrow, LeastPrivilegeTest.PASSWORD, "SELECT ON `" + db.name() + "`.*",
						"ALL ON " + scratchPattern);
				List<String> before = users.accounts();

				Cli.Result simulated = new Cli(db.as(simulator, LeastPrivilegeTest.PASSWORD)).run("simulate", "--policy",
						Cli.EXAMPLE_POLICY, "--from", "2023-11-30", "--to", "2023-11-30", "--out",
						this.temp.resolve("sim").toString(), "--name", "least");
				assertThat(simulated.exitCode()).as(simulated.toString()).isZero();
				assertThat(simulated.out()).contains("simulated 2023-11-30");
				assertThat(users.accounts()).as("no role or user created, nothing granted").isEqualTo(before);
				assertThat(schemaExists(db, ScratchSchema.of(db.name(), "least"))).as("kept for queries").isTrue();

				// without SHOW VIEW the scratch schema cannot be made: one line saying what, nothing left
				Cli.Result failed = new Cli(db.as(narrow, LeastPrivilegeTest.PASSWORD)).run("simulate", "--policy",
						Cli.EXAMPLE_POLICY, "--from", "2023-11-30", "--to", "2023-11-30", "--out",
						this.temp.resolve("sim").toString(), "--name", "narrow");
				assertThat(failed.exitCode()).as(failed.toString()).isNotZero();
				assertThat(failed.err()).contains("could not be made", "SHOW VIEW", "was dropped")
					.doesNotContain("\tat ");
				assertThat(schemaExists(db, ScratchSchema.of(db.name(), "narrow"))).as("nothing half-made").isFalse();
				assertThat(users.accounts()).isEqualTo(before);
			}
			finally {
				users.drop(simulator);
				users.drop(narrow);
				for (String name : List.of("least", "narrow")) {
					db.jdbc().execute("DROP DATABASE IF EXISTS `" + ScratchSchema.of(db.name(), name) + "`");
				}
			}
		}
	}

	private static boolean schemaExists(TestDatabase db, String schema) {
		return db.count("information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + schema + "'") > 0;
	}

}
