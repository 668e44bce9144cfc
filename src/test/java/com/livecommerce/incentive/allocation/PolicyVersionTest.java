package com.livecommerce.incentive.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.ExamplePolicy;
import com.livecommerce.incentive.support.Migrations;
import com.livecommerce.incentive.support.TableDump;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy version that has governed a run never changes (SPEC §2.1): every job refuses, with exit
 * code 2 and before it touches anything, a policy directory whose file of that version says
 * something else, that lost it, or that puts another version on its dates. Comments may change.
 */
class PolicyVersionTest {

	private static final String ORIGINAL = ExamplePolicy.PUBLISHED;

	@TempDir
	Path temp;

	@Test
	void aVersionThatGovernedARunCannotBeEditedRenamedOrRemoved() throws IOException {
		Path policy = Files.createDirectories(this.temp.resolve("policy"));
		Path file = policy.resolve("v.yaml");
		Files.writeString(file, ORIGINAL);
		try (TestDatabase db = TestDatabase.create()) {
			assertThat(nightly(db, "2023-11-29", policy).exitCode()).isZero();
			Map<String, List<String>> before = TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES);
			long executions = db.count("BATCH_JOB_EXECUTION");

			Files.writeString(file, ORIGINAL.replace("face_value_fen: 10000", "face_value_fen: 99900"));
			Cli.Result edited = nightly(db, "2023-11-30", policy);
			assertThat(edited.exitCode()).as(edited.toString()).isEqualTo(2);
			assertThat(edited.err()).contains("policy version \"2023-11-29\" governed 2023-11-29")
				.contains("coupon.face_value_fen: recorded 10000, file 99900");
			Cli.Result monthly = new Cli(db).run("monthly", "--month", "2023-11", "--out",
					this.temp.resolve("out").toString(), "--policy", policy.toString());
			assertThat(monthly.exitCode()).as("every job refuses it: " + monthly).isEqualTo(2);

			Files.writeString(file, ORIGINAL.replace("version: \"2023-11-29\"", "version: \"renamed\""));
			Cli.Result renamed = nightly(db, "2023-11-30", policy);
			assertThat(renamed.exitCode()).as(renamed.toString()).isEqualTo(2);
			assertThat(renamed.err()).contains("no file of").contains("holds it any more");

			Files.writeString(policy.resolve("w.yaml"), ORIGINAL.replace("version: \"2023-11-29\"", "version: \"copy\""));
			Files.writeString(file, ORIGINAL);
			Cli.Result overlapping = nightly(db, "2023-11-30", policy);
			assertThat(overlapping.exitCode()).as(overlapping.toString()).isEqualTo(2);
			Files.delete(policy.resolve("w.yaml"));

			assertThat(TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES)).as("nothing was written").isEqualTo(before);
			assertThat(db.count("BATCH_JOB_EXECUTION")).as("no run was started").isEqualTo(executions);

			// comments and layout are not values: the run goes ahead
			Files.writeString(file, "# reviewed by the policy team\n" + ORIGINAL.replace("monthly_cap: ", "monthly_cap:   "));
			Cli.Result commented = nightly(db, "2023-11-30", policy);
			assertThat(commented.exitCode()).as(commented.toString()).isZero();
			assertThat(db.jdbc().queryForObject("SELECT content FROM policy_version WHERE version = '2023-11-29'", String.class))
				.as("the text the first grants were made under").isEqualTo(ORIGINAL);
		}
	}

	/** Issue 34 point 7: industries are a set; the same ones in another order are the same version. */
	@Test
	void industriesInAnotherOrderAreTheSameVersion() throws IOException {
		Path policy = Files.createDirectories(this.temp.resolve("policy"));
		Path file = policy.resolve("v.yaml");
		Files.writeString(file, ORIGINAL);
		try (TestDatabase db = TestDatabase.create()) {
			assertThat(nightly(db, "2023-11-29", policy).exitCode()).isZero();
			String industries = "industries: [BEAUTY, APPAREL, FOOD, HOME, DIGITAL, MOTHER_BABY]";
			assertThat(ORIGINAL).contains(industries);
			Files.writeString(file, ORIGINAL.replace(industries, "industries: [MOTHER_BABY, DIGITAL, HOME, FOOD, APPAREL, BEAUTY]"));
			Cli.Result reordered = nightly(db, "2023-11-30", policy);
			assertThat(reordered.exitCode()).as(reordered.toString()).isZero();
			Cli.Result checked = new Cli(db).run("policy", "check", "--policy", policy.toString());
			assertThat(checked.exitCode()).as(checked.toString()).isZero();
			assertThat(checked.out()).contains("UNCHANGED (used from 2023-11-29)");

			Files.writeString(file, ORIGINAL.replace(industries, "industries: [BEAUTY, APPAREL, FOOD, HOME, DIGITAL]"));
			Cli.Result fewer = nightly(db, "2023-12-01", policy);
			assertThat(fewer.exitCode()).as("another set: " + fewer).isEqualTo(2);
			assertThat(fewer.err()).contains("industries: recorded");
		}
	}

	@Test
	void restartWithABrokenPolicyDirectoryIsRefusedBeforeTheDatabaseIsTouched() throws IOException {
		Path policy = Files.createDirectories(this.temp.resolve("policy"));
		Files.writeString(policy.resolve("v.yaml"), ORIGINAL);
		Path inbox = this.temp.resolve("inbox");
		copy(Path.of("jobs/examples/inbox/2023-11-29"), inbox.resolve("2023-11-29"));
		Files.writeString(inbox.resolve("2023-11-29/broadcasts.csv"), "session_id,account_id,started_at,ended_at,"
				+ "gmv_fen,order_count,viewer_count,watch_minutes,new_followers\n" + "X,ACC-001,a,b,1,1,1,1,1\n".repeat(20));
		try (TestDatabase db = TestDatabase.create()) {
			Cli.Result failed = new Cli(db).run("nightly", "--date", "2023-11-29", "--inbox", inbox.toString(), "--out",
					this.temp.resolve("out").toString(), "--policy", policy.toString());
			assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
			Map<String, List<String>> before = TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES);
			long executions = db.count("BATCH_JOB_EXECUTION");

			Files.writeString(policy.resolve("v.yaml"), ORIGINAL.replace("monthly_cap: 18", "monthly_cap: -1"));
			Cli.Result restart = new Cli(db).run("restart", "nightly", "--date", "2023-11-29");
			assertThat(restart.exitCode()).as(restart.toString()).isEqualTo(2);
			assertThat(restart.err()).contains("bad policy").contains("monthly_cap must not be negative");
			assertThat(db.count("BATCH_JOB_EXECUTION")).isEqualTo(executions);
			assertThat(TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES)).isEqualTo(before);
		}
	}

	private Cli.Result nightly(TestDatabase db, String day, Path policy) {
		return new Cli(db).run("nightly", "--date", day, "--inbox", "jobs/examples/inbox", "--out",
				this.temp.resolve("out").toString(), "--policy", policy.toString());
	}

	private static void copy(Path from, Path to) throws IOException {
		Files.createDirectories(to);
		try (var files = Files.list(from)) {
			for (Path f : files.toList()) {
				Files.copy(f, to.resolve(f.getFileName()));
			}
		}
	}

}
