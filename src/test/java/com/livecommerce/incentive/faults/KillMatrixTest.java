package com.livecommerce.incentive.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.ChildProcess;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.Migrations;
import com.livecommerce.incentive.support.MySql8Server;
import com.livecommerce.incentive.support.OutputFiles;
import com.livecommerce.incentive.support.TableDump;
import com.livecommerce.incentive.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill -9 column of the fault matrix (README: Reliability and security): a nightly run, and
 * then a monthly run, is killed at a point inside every one of its steps (and after apply-input's
 * commit), in turn, and restarted; so is the first night of an empty database, in six steps from
 * its start to its end, with another date refused while it lies killed;
 * each time the output tables and files end exactly as after one clean run. Each point starts from
 * a copy of the state before the run (the day or month before, reached once).
 */
class KillMatrixTest {

	private static final String DAY_ONE = "2023-11-29";

	/** The second example day: sessions, redeliveries, risk, clawbacks, benchmark settlements, messages. */
	private static final String DAY = "2023-11-30";

	private static final String MONTH = "2023-11";

	private static final List<String> MONTHLY_TABLES = Stream
		.concat(Migrations.OUTPUT_TABLES.stream(), Stream.of("monthly_summary", "coupon_usage_history"))
		.toList();

	/** The fault point just after the job execution was saved as COMPLETED (FaultInjection). */
	private static final String JOB_COMPLETED = "job:completed";

	/**
	 * In-process runs take turns: Spring Batch keys its step and job scopes by execution id, and two
	 * databases hand out the same ids.
	 */
	private static final Object IN_PROCESS = new Object();

	@TempDir
	Path temp;

	/**
	 * What a run is compared with, and where it starts from; {@code refusedMeanwhile}, when given,
	 * is a command run between the kill and the restart that must be refused as out of order
	 * (exit 4) and change nothing.
	 */
	record Case(String name, List<String> tables, String[] command, String[] restart, TestDatabase before,
			Path beforeOut, List<String> points, Map<String, List<String>> expectedTables,
			Map<String, String> expectedFiles, String[] refusedMeanwhile) {
	}

	@Test
	void killedInsideEveryStepThenRestartedEndsLikeACleanRun() throws Exception {
		try (TestDatabase clean = TestDatabase.create(); TestDatabase empty = TestDatabase.create()) {
			Path out = this.temp.resolve("clean");
			// the first night of a database, killed in six of its steps: meanwhile another date is
			// refused (the first night fixes the start the moment it starts), then restart ends it as a clean run
			List<String> firstNightPoints = firstNightSample(traced(() -> run(clean, nightly(DAY_ONE, out))));
			Case firstNight = new Case("first-night", Migrations.OUTPUT_TABLES, nightly(DAY_ONE, null),
					new String[] { "restart", "nightly", "--date", DAY_ONE }, empty,
					Files.createDirectories(this.temp.resolve("empty")), firstNightPoints,
					TableDump.of(clean.jdbc(), Migrations.OUTPUT_TABLES), OutputFiles.of(out), nightly(DAY, null));
			assertThat(steps(firstNightPoints)).as("first-night points").hasSize(6);
			try (TestDatabase dayOne = TestDatabase.copyOf(clean)) {
				Path dayOneOut = OutputFiles.copy(out, this.temp.resolve("day-one"));
				// a point inside every step, and apply-input's last save (its one transaction committed, its
				// end not recorded): a kill in the baselines' lane beside it can come there at any time.
				// (Every step's last save was tried once so, at twice the matrix's time: only apply-input
				// was not idempotent there.)
				List<String> points = traced(() -> run(clean, nightly(DAY, out)), "apply-input");
				// the run marked complete, its report not yet written: the rerun (a no-op) writes it
				points.add(JOB_COMPLETED);
				Case nightly = new Case("nightly", Migrations.OUTPUT_TABLES, nightly(DAY, null),
						new String[] { "restart", "nightly", "--date", DAY }, dayOne, dayOneOut, points,
						TableDump.of(clean.jdbc(), Migrations.OUTPUT_TABLES), OutputFiles.of(out), null);
				assertThat(steps(points)).as("a point in every nightly step")
					.hasSizeGreaterThanOrEqualTo(20)
					.contains("ingest-broadcasts", "apply-input", "allocate", "publish-notifications", "check-ledger");

				try (TestDatabase monthEnd = TestDatabase.copyOf(clean)) {
					Path monthEndOut = OutputFiles.copy(out, this.temp.resolve("month-end"));
					List<String> monthlyPoints = traced(() -> run(clean, monthly(out)));
					Case monthly = new Case("monthly", MONTHLY_TABLES, monthly(null),
							new String[] { "restart", "monthly", "--month", MONTH }, monthEnd, monthEndOut, monthlyPoints,
							TableDump.of(clean.jdbc(), MONTHLY_TABLES), OutputFiles.of(out), null);
					assertThat(steps(monthlyPoints)).as("a point in every monthly step")
						.contains("verify-ledger", "close-pools", "monthly-summary", "publish-statements");
					killEverywhere(List.of(firstNight, nightly, monthly));
				}
			}
		}
	}

	/** Two points at a time, each on a database of its own, so one child starts while the other runs. */
	private void killEverywhere(List<Case> cases) throws Exception {
		List<java.util.concurrent.Callable<Void>> runs = new ArrayList<>();
		for (Case c : cases) {
			for (String point : onThisServer(c.points())) {
				runs.add(() -> {
					killAndRestart(c, point);
					return null;
				});
			}
		}
		TwoAtATime.run(runs);
	}

	/**
	 * Every point on MariaDB; every other one on MySQL 8, CI's second run of the suite, where the
	 * whole matrix would cost five minutes of CI's sixty (docs/mysql.md names this subset).
	 */
	private static List<String> onThisServer(List<String> points) {
		if (!MySql8Server.wanted()) {
			return points;
		}
		return IntStream.range(0, points.size()).filter(i -> i % 2 == 0).mapToObj(points::get).toList();
	}

	private void killAndRestart(Case c, String point) throws Exception {
		String name = c.name() + "-killed-" + point.replace(':', '-');
		Path out = OutputFiles.copy(c.beforeOut(), this.temp.resolve(name));
		try (TestDatabase db = TestDatabase.copyOf(c.before())) {
			Path log = this.temp.resolve(name + ".log");
			List<String> command = new ArrayList<>(List.of(c.command()));
			command.addAll(List.of("--out", out.toString()));
			Process child = ChildProcess.start(db, log, Map.of("INCENTIVE_FAULT_KILL_AT", point),
					command.toArray(String[]::new));
			assertThat(child.waitFor(120, TimeUnit.SECONDS)).as(point).isTrue();
			assertThat(Files.readString(log)).as(point).contains("FAULT kill -9 at " + point);
			assertThat(child.exitValue()).as(point + ": killed by SIGKILL").isEqualTo(128 + 9);

			if (c.refusedMeanwhile() != null) {
				Map<String, List<String>> killed = TableDump.of(db.jdbc(), c.tables());
				List<String> other = new ArrayList<>(List.of(c.refusedMeanwhile()));
				other.addAll(List.of("--out", out.toString()));
				Cli.Result refused = run(db, other.toArray(String[]::new));
				assertThat(refused.exitCode()).as(c.name() + " " + point + ", another date meanwhile\n" + refused)
					.isEqualTo(4);
				assertThat(refused.err()).as(point).contains("is the first night of this database and has not completed");
				assertThat(TableDump.of(db.jdbc(), c.tables())).as(point + ": the refused date changed nothing")
					.isEqualTo(killed);
			}
			if (point.equals(JOB_COMPLETED)) {
				assertThat(reports(out.resolve(DAY))).as(c.name() + " killed once complete: the report is not written yet").isEmpty();
			}
			Cli.Result restarted = run(db, point.equals(JOB_COMPLETED) ? withOut(c.command(), out) : c.restart());
			if (point.equals(JOB_COMPLETED)) {
				assertThat(restarted.out()).as(c.name()).contains("already complete").contains("run report");
				assertThat(reports(out.resolve(DAY))).as(c.name() + ": the rerun wrote the report").hasSize(2);
			}
			assertThat(restarted.exitCode()).as(c.name() + " " + point + "\n" + restarted).isZero();
			assertThat(TableDump.of(db.jdbc(), c.tables())).as(c.name() + " " + point).isEqualTo(c.expectedTables());
			Map<String, String> files = OutputFiles.of(out);
			assertThat(files.keySet()).as(point).containsExactlyElementsOf(c.expectedFiles().keySet());
			files.forEach((file, content) -> assertThat(content).as(point + ": " + file)
				.isEqualTo(c.expectedFiles().get(file)));
		}
	}

	/**
	 * The fault points a clean in-process run passes, reduced to one inside each step, and the last
	 * save of each of {@code alsoAtTheirEnd}: its work committed, its end not yet recorded.
	 */
	private static List<String> traced(Supplier<Cli.Result> run, String... alsoAtTheirEnd) {
		System.setProperty("incentive.fault.trace", "true");
		try {
			FaultInjection.TRACE.clear();
			assertThat(run.get().exitCode()).isZero();
			List<String> trace = new ArrayList<>(FaultInjection.TRACE);
			List<String> points = pointInsideEachStep(trace);
			for (String step : alsoAtTheirEnd) {
				points.add(trace.stream()
					.filter(p -> p.startsWith(step + ":"))
					.reduce((first, second) -> second)
					.orElseThrow(() -> new AssertionError("no fault point in step " + step)));
			}
			return points;
		}
		finally {
			System.clearProperty("incentive.fault.trace");
		}
	}

	/**
	 * One point inside every step, never its first save (the step has started) nor, where the step
	 * saves more than twice, its last: early in one step (inside its first transaction), later in
	 * the next (after a commit, inside a later chunk), and so on. A step run in parts side by side
	 * (derive-claims:part0, :part1 …) is killed inside its first part, while the others run: its
	 * parts are the same code on other rows.
	 */
	private static List<String> pointInsideEachStep(List<String> trace) {
		Map<String, Integer> savesPerStep = new LinkedHashMap<>();
		for (String point : trace) {
			if (point.equals(JOB_COMPLETED)) {
				continue; // not a step's
			}
			savesPerStep.merge(point.substring(0, point.lastIndexOf(':')), 1, Integer::sum);
		}
		savesPerStep.keySet().removeIf(step -> step.matches(".*:part[1-9]\\d*") || savesPerStep.containsKey(step + ":part0"));
		List<String> points = new ArrayList<>();
		int index = 0;
		for (Map.Entry<String, Integer> step : savesPerStep.entrySet()) {
			int inner = Math.max(1, step.getValue() - 2);
			points.add(step.getKey() + ":" + (2 + index++ % inner));
		}
		return points;
	}

	/** The first night's points in a few steps from its start to its end: the rest is the same code as any night's. */
	private static List<String> firstNightSample(List<String> points) {
		List<String> steps = List.of("ingest-accounts", "apply-input", "evaluate-risk", "allocate", "publish-notifications",
				"check-ledger");
		return points.stream().filter(p -> steps.contains(p.substring(0, p.lastIndexOf(':')))).toList();
	}

	/** The run reports (text and JSON) under {@code out}. */
	private static List<Path> reports(Path out) throws java.io.IOException {
		try (Stream<Path> walk = Files.walk(out)) {
			return walk.filter(p -> p.getFileName().toString().startsWith("run-report")).toList();
		}
	}

	private static String[] withOut(String[] command, Path out) {
		List<String> args = new ArrayList<>(List.of(command));
		args.addAll(List.of("--out", out.toString()));
		return args.toArray(String[]::new);
	}

	private static List<String> steps(List<String> points) {
		return points.stream().map(p -> p.substring(0, p.lastIndexOf(':'))).toList();
	}

	private Cli.Result run(TestDatabase db, String... args) {
		synchronized (IN_PROCESS) {
			return new Cli(db).run(args);
		}
	}

	/** The nightly command for {@code date}; {@code --out} added when {@code out} is given. */
	private static String[] nightly(String date, Path out) {
		List<String> args = new ArrayList<>(List.of("nightly", "--date", date, "--inbox", "jobs/examples/inbox",
				"--policy", "jobs/examples/policy"));
		if (out != null) {
			args.addAll(List.of("--out", out.toString()));
		}
		return args.toArray(String[]::new);
	}

	private static String[] monthly(Path out) {
		List<String> args = new ArrayList<>(List.of("monthly", "--month", MONTH, "--policy", "jobs/examples/policy"));
		if (out != null) {
			args.addAll(List.of("--out", out.toString()));
		}
		return args.toArray(String[]::new);
	}

}
