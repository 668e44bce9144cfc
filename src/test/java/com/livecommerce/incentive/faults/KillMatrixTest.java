package com.livecommerce.incentive.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.ChildProcess;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.Migrations;
import com.livecommerce.incentive.support.OutputFiles;
import com.livecommerce.incentive.support.TableDump;
import com.livecommerce.incentive.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill -9 column of the fault matrix (README: Reliability and security): a nightly run is
 * killed at a point inside every one of its steps, in turn, and restarted; each time the output
 * tables and files end exactly as after one clean run.
 */
class KillMatrixTest {

	private static final String DAY_ONE = "2023-11-29";

	private static final Object IN_PROCESS = new Object();

	/** The second example day: sessions, redeliveries, risk, clawbacks, benchmark settlements, messages. */
	private static final String DAY = "2023-11-30";

	@TempDir
	Path temp;

	@Test
	void killedInsideEveryStepThenRestartedEndsLikeACleanRun() throws Exception {
		Map<String, List<String>> expectedTables;
		Map<String, String> expectedFiles;
		List<String> points;
		try (TestDatabase clean = TestDatabase.create()) {
			assertThat(nightly(clean, "clean", DAY_ONE).exitCode()).isZero();
			System.setProperty("incentive.fault.trace", "true");
			try {
				FaultInjection.TRACE.clear();
				assertThat(nightly(clean, "clean", DAY).exitCode()).isZero();
				points = pointInsideEachStep(new ArrayList<>(FaultInjection.TRACE));
			}
			finally {
				System.clearProperty("incentive.fault.trace");
			}
			expectedTables = TableDump.of(clean.jdbc(), Migrations.OUTPUT_TABLES);
			expectedFiles = OutputFiles.of(this.temp.resolve("clean"));
		}
		assertThat(points.stream().map(p -> p.substring(0, p.lastIndexOf(':'))))
			.as("a point in every step")
			.hasSizeGreaterThanOrEqualTo(20)
			.contains("ingest-broadcasts", "apply-input", "allocate", "publish-notifications", "check-ledger");

		// two points at a time, each on a database of its own, so one child process starts while the
		// other runs; the in-process runs take turns (Spring Batch keys its step and job scopes by
		// execution id, and the two databases hand out the same ids)
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			List<Future<?>> runs = new ArrayList<>();
			for (String point : points) {
				runs.add(pool.submit(() -> {
					killAndRestart(point, expectedTables, expectedFiles);
					return null;
				}));
			}
			for (Future<?> run : runs) {
				try {
					run.get();
				}
				catch (ExecutionException ex) {
					throw ex.getCause() instanceof Error error ? error : new AssertionError(ex.getCause());
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private void killAndRestart(String point, Map<String, List<String>> expectedTables,
			Map<String, String> expectedFiles) throws Exception {
		String out = "killed-" + point.replace(':', '-');
		try (TestDatabase db = TestDatabase.create()) {
			synchronized (IN_PROCESS) {
				assertThat(nightly(db, out, DAY_ONE).exitCode()).isZero();
			}
			Path log = this.temp.resolve(out + ".log");
			Process child = ChildProcess.start(db, log, Map.of("INCENTIVE_FAULT_KILL_AT", point), "nightly", "--date",
					DAY, "--inbox", "jobs/examples/inbox", "--policy", "jobs/examples/policy", "--out",
					this.temp.resolve(out).toString());
			assertThat(child.waitFor(120, TimeUnit.SECONDS)).as(point).isTrue();
			assertThat(Files.readString(log)).as(point).contains("FAULT kill -9 at " + point);
			assertThat(child.exitValue()).as(point + ": killed by SIGKILL").isEqualTo(128 + 9);

			Cli.Result restarted;
			synchronized (IN_PROCESS) {
				restarted = new Cli(db).run("restart", "nightly", "--date", DAY);
			}
			assertThat(restarted.exitCode()).as(point + "\n" + restarted).isZero();
			assertThat(TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES)).as(point).isEqualTo(expectedTables);
			Map<String, String> files = OutputFiles.of(this.temp.resolve(out));
			assertThat(files.keySet()).as(point).containsExactlyElementsOf(expectedFiles.keySet());
			files.forEach((name, content) -> assertThat(content).as(point + ": " + name).isEqualTo(expectedFiles.get(name)));
		}
	}

	/**
	 * One point inside every step, never its first save (the step has started) nor its last (it
	 * has not ended), moving from step to step across the step's saves: early in one step (inside
	 * its first transaction), later in the next (after a commit, inside a later chunk), and so on.
	 */
	private static List<String> pointInsideEachStep(List<String> trace) {
		Map<String, Integer> savesPerStep = new LinkedHashMap<>();
		for (String point : trace) {
			String step = point.substring(0, point.lastIndexOf(':'));
			savesPerStep.merge(step, 1, Integer::sum);
		}
		List<String> points = new ArrayList<>();
		int index = 0;
		for (Map.Entry<String, Integer> step : savesPerStep.entrySet()) {
			int inner = Math.max(1, step.getValue() - 2);
			points.add(step.getKey() + ":" + (2 + index++ % inner));
		}
		return points;
	}

	private Cli.Result nightly(TestDatabase db, String out, String date) {
		return new Cli(db).run("nightly", "--date", date, "--inbox", "jobs/examples/inbox", "--policy",
				"jobs/examples/policy", "--out", this.temp.resolve(out).toString());
	}

}
