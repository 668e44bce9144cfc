package com.livecommerce.incentive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.Inbox;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes that need no job run: a bad command line or policy (2) and input that is not
 * ready (3) are answered before the database is touched.
 */
class CommandLineTest {

	private static final LocalDate DAY = LocalDate.of(2023, 11, 29);

	@TempDir
	Path temp;

	private TestDatabase db;

	private Cli cli;

	private Inbox inbox;

	@BeforeEach
	void setUp() {
		this.db = TestDatabase.createEmpty(); // the refusals are checked to leave it without a table
		this.cli = new Cli(this.db);
		this.inbox = new Inbox(this.temp.resolve("inbox")).validDay(DAY);
	}

	@AfterEach
	void tearDown() {
		this.db.close();
	}

	@Test
	void malformedDateIsAUsageError() {
		Cli.Result result = this.cli.run("nightly", "--date", "2023-02-30", "--inbox", inboxDir());
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
		assertThat(result.err()).contains("'2023-02-30' is not a valid date");
		assertThat(this.cli.run("nightly", "--date", "29.11.2023", "--inbox", inboxDir()).exitCode()).isEqualTo(2);
		assertThat(this.cli.run("nightly", "--date").exitCode()).isEqualTo(2);
	}

	@Test
	void unknownOptionOrCommandIsAUsageError() {
		Cli.Result result = this.cli.run("nightly", "--dat", "2023-11-29");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("Unknown option").contains("'--dat'");
		assertThat(this.cli.run("nightlyy").exitCode()).isEqualTo(2);
		assertThat(this.cli.run().exitCode()).isEqualTo(2);
		assertThat(this.cli.run("nightly", "extra").exitCode()).isEqualTo(2);
	}

	@Test
	void missingInboxDirectoryIsAUsageError() {
		Cli.Result result = this.cli.run("nightly", "--date", "2023-11-29", "--inbox", this.temp.resolve("nope").toString());
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("inbox directory").contains("does not exist");
	}

	@Test
	void badPolicyIsAUsageErrorBeforeTheDatabaseIsTouched() throws IOException {
		Path policy = Files.createDirectories(this.temp.resolve("policy"));
		Files.writeString(policy.resolve("v.yaml"), Files.readString(Path.of("jobs/policy/2023-11-29.yaml"))
			.replace("monthly_cap: 5000", "monthly_cap: -5"));
		Cli.Result result = this.cli.run("nightly", "--date", "2023-11-29", "--inbox", inboxDir(), "--policy",
				policy.toString());
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("bad policy").contains("v.yaml").contains("BENCHMARK.monthly_cap");
		assertThat(tables()).isZero();
		assertThat(this.cli.run("nightly", "--date", "2023-11-29", "--inbox", inboxDir(), "--policy",
				this.temp.resolve("missing").toString()).exitCode()).isEqualTo(2);
	}

	@Test
	void noSuccessMarkerIsInputNotReadyAndTouchesNothing() {
		this.inbox.delete(DAY, "_SUCCESS");
		Cli.Result result = this.cli.run("nightly", "--date", "2023-11-29", "--inbox", inboxDir());
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
		assertThat(result.err()).contains("_SUCCESS");
		assertThat(tables()).as("tables in the database").isZero();
	}

	@Test
	void missingRequiredFileIsInputNotReadyButAnAbsentUsageFileIsFine() {
		this.inbox.delete(DAY, "benchmark_events.csv");
		Cli.Result result = this.cli.run("nightly", "--date", "2023-11-29", "--inbox", inboxDir());
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.err()).contains("benchmark_events.csv");
		assertThat(tables()).isZero();
	}

	@Test
	void missingDayFolderIsInputNotReady() {
		Cli.Result result = this.cli.run("nightly", "--date", "2023-12-24", "--inbox", inboxDir());
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.err()).contains("2023-12-24");
	}

	@Test
	void malformedMonthIsAUsageError() {
		Cli.Result result = this.cli.run("monthly", "--month", "2023-13");
		assertThat(result.exitCode()).isEqualTo(2);
		assertThat(result.err()).contains("'2023-13' is not a month (yyyy-MM)");
		assertThat(this.cli.run("monthly", "--month", "2023-1").exitCode()).isEqualTo(2);
		assertThat(tables()).isZero();
	}

	@Test
	void defaultDateIsYesterdayInShanghai() {
		// Cli.CLOCK is 2024-06-03 10:00 in Shanghai: the default date is 2024-06-02, which has no folder.
		Cli.Result result = this.cli.run("nightly", "--inbox", inboxDir());
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.err()).contains("2024-06-02");
	}

	private String inboxDir() {
		return this.inbox.root().toString();
	}

	private long tables() {
		return this.db.jdbc().queryForObject(
				"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()", Long.class);
	}

	/**
	 * Issue 35 point 3: every command and subcommand answers --help (usage, options, exit codes)
	 * and --version, exit 0, before anything else. Before: "Unknown option: '--help'", exit 2.
	 */
	@Test
	void everyCommandAndSubcommandHasHelpAndVersion() {
		for (String command : java.util.List.of("nightly", "monthly", "restart", "restart nightly", "restart monthly",
				"status", "scheduler", "migrate", "undo-first-night", "explain", "policy", "policy check", "simulate")) {
			String[] help = (command + " --help").split(" ");
			Cli.Result result = this.cli.run(help);
			assertThat(result.exitCode()).as(command + " --help: " + result).isZero();
			assertThat(result.out()).as(command).startsWith("Usage: brand-incentive-batch " + command)
				.contains("-h, --help", "-V, --version", "Exit codes:", "4   out of order");
			Cli.Result version = this.cli.run((command + " --version").split(" "));
			assertThat(version.exitCode()).as(command + " --version").isZero();
			assertThat(version.out()).startsWith("brand-incentive-batch ").contains("Spring Batch 6.0.6");
		}
		assertThat(this.cli.run("nightly", "--help").out().replaceAll("\\s+", " ")).as("options with their defaults")
			.contains("--date=yyyy-MM-dd Business date to run (default: yesterday in Asia/Shanghai)",
					"--inbox=DIR Inbox with one folder per business date (default: var/inbox)");
		assertThat(this.db.count("information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")).as("help touches nothing")
			.isZero();
		// the load generator is not a command of the product: it lives with the tests (jobs/bin/load-test)
		Cli.Result benchmark = this.cli.run("benchmark", "--sessions", "100");
		assertThat(benchmark.exitCode()).as(benchmark.toString()).isEqualTo(2);
		assertThat(benchmark.err()).contains("benchmark");
	}

}
