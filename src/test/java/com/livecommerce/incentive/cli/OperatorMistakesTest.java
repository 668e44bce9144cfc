package com.livecommerce.incentive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.ExamplePolicy;
import com.livecommerce.incentive.support.Migrations;
import com.livecommerce.incentive.support.OutputFiles;
import com.livecommerce.incentive.support.TableDump;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a careless upstream or a curious operator can get wrong around the input files, rather
 * than in them (hostile cases 1, 3, 4, 5, 11, 12 and 13 of the second round): every one is
 * answered with the exit code and a message that says what to do, and those answered before the
 * database (exit 2 and 3) leave it as it was, without even a schema.
 */
class OperatorMistakesTest {

	private static final String POLICY = ExamplePolicy.PUBLISHED;

	@TempDir
	Path temp;

	private TestDatabase db;

	private Cli cli;

	@BeforeEach
	void setUp() {
		this.db = TestDatabase.createEmpty(); // the refusals are checked to leave it without a table
		this.cli = new Cli(this.db);
	}

	@AfterEach
	void tearDown() {
		this.db.close();
	}

	/** Hostile cases 1, 3 and 4: a policy that reads one way to a person and another to a parser is exit 2. */
	@Test
	void aPolicyWithARepeatedKeyTiersOutOfOrderOrAnImpossibleDateIsRefusedBeforeTheDatabase() throws IOException {
		assertRefusedPolicy(POLICY.replace("    monthly_cap: 18\n", "    monthly_cap: 18\n    monthly_cap: 24\n"),
				"duplicate key 'monthly_cap' under programs.COLD_START");
		assertRefusedPolicy(swapTiers(POLICY), "can never be met");
		assertRefusedPolicy(POLICY.replaceFirst("effective_to: \\S+", "effective_to: +999999999-12-31"),
				"effective_to +999999999-12-31 is outside 2000-01-01 to 2099-12-31");
	}

	/** Hostile case 5: a date to come is a usage error, for a night, a backfill and a month. */
	@Test
	void aDateAfterTodayIsAUsageError() {
		// Cli.CLOCK: today is 2024-06-03 in Shanghai
		Cli.Result future = this.cli.exampleNight("2099-12-31", this.temp.resolve("out"));
		assertThat(future.exitCode()).as(future.toString()).isEqualTo(2);
		assertThat(future.err()).contains("2099-12-31 is after today (2024-06-03 in Asia/Shanghai)");
		Cli.Result tomorrow = this.cli.exampleNight("2024-06-04", this.temp.resolve("out"));
		assertThat(tomorrow.exitCode()).as(tomorrow.toString()).isEqualTo(2);
		Cli.Result backfill = this.cli.run("nightly", "--from", "2024-06-01", "--to", "2024-06-05", "--inbox",
				Cli.EXAMPLE_INBOX, "--policy", Cli.EXAMPLE_POLICY);
		assertThat(backfill.exitCode()).as(backfill.toString()).isEqualTo(2);
		assertThat(backfill.err()).contains("2024-06-05 is after today");
		Cli.Result month = this.cli.run("monthly", "--month", "2024-07", "--policy", Cli.EXAMPLE_POLICY);
		assertThat(month.exitCode()).as(month.toString()).isEqualTo(2);
		assertThat(month.err()).contains("--month 2024-07 has not begun");
		assertThat(tables()).as("nothing touched the database").isZero();
	}

	/** Hostile case 5: the first night must be a date a policy version governs. */
	@Test
	void theFirstNightNeedsAPolicyVersionInForce() throws IOException {
		Path inbox = this.temp.resolve("inbox");
		OutputFiles.copy(Path.of(Cli.EXAMPLE_INBOX, "2023-11-29"), inbox.resolve("2023-11-28"));
		Cli.Result early = this.cli.nightly("2023-11-28", inbox, this.temp.resolve("out"), Cli.EXAMPLE_POLICY);
		assertThat(early.exitCode()).as(early.toString()).isEqualTo(2);
		assertThat(early.err()).contains("first night of this database")
			.contains("no policy version")
			.contains("is in force on 2023-11-28 (\"2023-11-29\" 2023-11-29 to ");
		assertThat(this.db.count("BATCH_JOB_EXECUTION")).as("no run was started").isZero();
		assertThat(this.db.count("broadcast_session")).isZero();
	}

	/**
	 * Hostile case 5: a first night on the wrong date no longer needs SQL by hand. Dates before it
	 * are told what happened and what to do; while it is the only night, undo-first-night empties
	 * what it wrote, and the right first night then ends exactly as on a fresh database.
	 */
	@Test
	void aWrongFirstNightIsUndoneAndTheRightOneThenRunsAsOnAFreshDatabase() throws IOException {
		Path out = this.temp.resolve("out");
		assertThat(this.cli.exampleNight("2023-12-01", out).exitCode()).isZero();

		Cli.Result before = this.cli.exampleNight("2023-11-29", out);
		assertThat(before.exitCode()).as(before.toString()).isEqualTo(4);
		assertThat(before.err()).contains("2023-11-29 is before 2023-12-01, the first night of this database")
			.contains("undo-first-night --date 2023-12-01");
		Cli.Result wrongDate = this.cli.run("undo-first-night", "--date", "2023-11-30");
		assertThat(wrongDate.exitCode()).as(wrongDate.toString()).isEqualTo(2);
		assertThat(wrongDate.err()).contains("nights of 2023-12-01");

		Cli.Result undone = this.cli.run("undo-first-night", "--date", "2023-12-01");
		assertThat(undone.exitCode()).as(undone.toString()).isZero();
		assertThat(undone.out()).contains("the night of 2023-12-01 was undone")
			.contains("its files were left in " + out.toRealPath() + "/2023-12-01");
		for (String table : Migrations.OUTPUT_TABLES) {
			assertThat(this.db.count(table)).as(table + " is empty again").isZero();
		}
		assertThat(this.db.count("BATCH_JOB_INSTANCE")).as("the run is forgotten").isZero();

		assertThat(this.cli.exampleNight("2023-11-29", out).exitCode()).isZero();
		assertThat(this.cli.exampleNight("2023-11-30", out).exitCode()).isZero();
		Cli.Result skipping = this.cli.exampleNight("2023-12-03", out);
		assertThat(skipping.exitCode()).as(skipping.toString()).isEqualTo(4);
		assertThat(skipping.err()).contains("The last completed night is 2023-11-30; run 2023-12-01 next, or all of them"
				+ " in order: nightly --from 2023-12-01 --to 2023-12-03");
		Cli.Result twoNights = this.cli.run("undo-first-night", "--date", "2023-11-29");
		assertThat(twoNights.exitCode()).as("never once a second night ran: " + twoNights).isEqualTo(2);

		try (TestDatabase fresh = TestDatabase.create()) {
			Cli cleanCli = new Cli(fresh);
			assertThat(cleanCli.exampleNight("2023-11-29", this.temp.resolve("clean")).exitCode()).isZero();
			assertThat(cleanCli.exampleNight("2023-11-30", this.temp.resolve("clean")).exitCode()).isZero();
			assertThat(TableDump.of(this.db.jdbc(), Migrations.OUTPUT_TABLES))
				.as("after the undo, the right nights leave what they leave on a fresh database")
				.isEqualTo(TableDump.of(fresh.jdbc(), Migrations.OUTPUT_TABLES));
		}
	}

	/** Hostile case 12: a path that is not a directory is found before the database is touched. */
	@Test
	void anOutInboxOrPolicyPathThatIsAFileIsAUsageErrorBeforeTheDatabase() throws IOException {
		Path file = Files.writeString(this.temp.resolve("a-file"), "x");
		Cli.Result out = this.cli.exampleNight("2023-11-29", file);
		assertThat(out.exitCode()).as(out.toString()).isEqualTo(2);
		assertThat(out.err()).contains("--out " + file + " is a file, not a directory");
		Cli.Result under = this.cli.exampleNight("2023-11-29", file.resolve("out"));
		assertThat(under.exitCode()).as(under.toString()).isEqualTo(2);
		assertThat(under.err()).contains("cannot be created: " + file + " is a file");
		Cli.Result inbox = this.cli.nightly("2023-11-29", file, this.temp.resolve("out"), Cli.EXAMPLE_POLICY);
		assertThat(inbox.exitCode()).as(inbox.toString()).isEqualTo(2);
		assertThat(inbox.err()).contains("--inbox " + file + " is a file, not a directory");
		Cli.Result policy = this.cli.nightly("2023-11-29", Cli.EXAMPLE_INBOX, this.temp.resolve("out"), file);
		assertThat(policy.exitCode()).as(policy.toString()).isEqualTo(2);
		assertThat(policy.err()).contains("policy directory " + file + " is a file, not a directory");
		Cli.Result monthly = this.cli.run("monthly", "--month", "2023-11", "--out", file.toString(), "--policy",
				Cli.EXAMPLE_POLICY);
		assertThat(monthly.exitCode()).as(monthly.toString()).isEqualTo(2);
		assertThat(tables()).as("nothing touched the database").isZero();
	}

	/**
	 * Hostile cases 11 and 13: _SUCCESS or an extract that is a directory, or a link to nothing, is
	 * input not ready (exit 3), saying what it is instead.
	 */
	@Test
	void aMarkerOrExtractThatIsNoFileIsNamedForWhatItIs() throws IOException {
		Path inbox = this.temp.resolve("inbox");
		Path day = OutputFiles.copy(Path.of(Cli.EXAMPLE_INBOX, "2023-11-29"), inbox.resolve("2023-11-29"));
		Files.delete(day.resolve("_SUCCESS"));
		Files.createDirectory(day.resolve("_SUCCESS"));
		Cli.Result marker = this.cli.nightly("2023-11-29", inbox, this.temp.resolve("out"), Cli.EXAMPLE_POLICY);
		assertThat(marker.exitCode()).as(marker.toString()).isEqualTo(3);
		assertThat(marker.err()).contains("_SUCCESS in " + day + " is a directory, not a file");
		Files.delete(day.resolve("_SUCCESS"));
		Files.writeString(day.resolve("_SUCCESS"), "");

		Files.delete(day.resolve("broadcasts.csv"));
		Files.createDirectory(day.resolve("broadcasts.csv"));
		Files.delete(day.resolve("violations.csv"));
		Files.createSymbolicLink(day.resolve("violations.csv"), this.temp.resolve("nowhere.csv"));
		Cli.Result extracts = this.cli.nightly("2023-11-29", inbox, this.temp.resolve("out"), Cli.EXAMPLE_POLICY);
		assertThat(extracts.exitCode()).as(extracts.toString()).isEqualTo(3);
		assertThat(extracts.err()).contains("broadcasts.csv is a directory, not a file")
			.contains("violations.csv is a link to " + this.temp.resolve("nowhere.csv") + ", which does not exist");
		assertThat(tables()).isZero();
	}

	/**
	 * Hostile case 11: a file the job may not read fails the run with the reason, not only the path.
	 * Root reads every file whatever its permissions, so as root only the message is checked.
	 */
	@Test
	void anUnreadableFileFailsWithTheReason() throws IOException {
		Path inbox = this.temp.resolve("inbox");
		Path day = OutputFiles.copy(Path.of(Cli.EXAMPLE_INBOX, "2023-11-29"), inbox.resolve("2023-11-29"));
		Path broadcasts = day.resolve("broadcasts.csv");
		assertThat(com.livecommerce.incentive.ingest.InputFileException
			.unreadable(broadcasts, new java.nio.file.AccessDeniedException(broadcasts.toString()))
			.getMessage()).isEqualTo(broadcasts + ": cannot be read: permission denied (the user running the job needs"
					+ " read permission on the file and its directory)");
		Files.setPosixFilePermissions(broadcasts, java.util.Set.of());
		if (Files.isReadable(broadcasts)) {
			return; // root: the file is readable after all
		}
		Cli.Result run = this.cli.nightly("2023-11-29", inbox, this.temp.resolve("out"), Cli.EXAMPLE_POLICY);
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
		assertThat(run.err()).contains("broadcasts.csv: cannot be read: permission denied");
	}

	/** Hostile case 13: status only reads; on a database nothing has run on, it says so and creates nothing. */
	@Test
	void statusOnAnEmptyDatabaseCreatesNothing() {
		Cli.Result status = this.cli.run("status");
		assertThat(status.exitCode()).as(status.toString()).isZero();
		assertThat(status.out()).contains("nothing has run on this database yet");
		assertThat(tables()).as("no schema was created").isZero();
		assertThat(this.cli.exampleNight("2023-11-29", this.temp.resolve("out")).exitCode()).isZero();
		Cli.Result after = this.cli.run("status");
		assertThat(after.exitCode()).as(after.toString()).isZero();
		assertThat(after.out()).contains("2023-11-29").contains("COMPLETED");
	}

	private void assertRefusedPolicy(String text, String says) throws IOException {
		Path policy = Files.createDirectories(this.temp.resolve("policy-" + Math.abs(text.hashCode())));
		Files.writeString(policy.resolve("v.yaml"), text);
		Cli.Result result = this.cli.nightly("2023-11-29", Cli.EXAMPLE_INBOX, this.temp.resolve("out"), policy);
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.err()).contains("bad policy").contains(says);
		assertThat(tables()).as("nothing touched the database").isZero();
	}

	/** The example policy with its first and last growth tiers swapped. */
	private static String swapTiers(String policy) {
		List<String> lines = policy.lines().toList();
		List<Integer> tiers = new java.util.ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).trim().startsWith("- {name: G")) {
				tiers.add(i);
			}
		}
		List<String> swapped = new java.util.ArrayList<>(lines);
		swapped.set(tiers.get(0), lines.get(tiers.get(tiers.size() - 1)));
		swapped.set(tiers.get(tiers.size() - 1), lines.get(tiers.get(0)));
		return String.join("\n", swapped) + "\n";
	}

	private long tables() {
		return this.db.jdbc().queryForObject(
				"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()", Long.class);
	}

}
