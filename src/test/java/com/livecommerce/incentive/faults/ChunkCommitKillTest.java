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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spring Batch 6 saves a chunk step's position after the chunk's transaction has committed, not in
 * it: a process killed between the two leaves a chunk written whose position was never saved, and
 * the restart reads it again. Ingest must take that chunk again as it is (its rows, rejects and
 * redeliveries there already), in a file read in parts and in one read whole. Each of these steps,
 * in chunks of 60 rows, is killed right after the commit of its last chunk and of the one before,
 * and restarted: the outputs end as after one clean run. (KillMatrixTest kills every step once,
 * with the day in one chunk.)
 */
class ChunkCommitKillTest {

	private static final String DAY = "2023-11-29";

	/** Small chunks: the example day's sessions are several chunks in each part, its accounts several. */
	private static final Map<String, String> SETTINGS = Map.of("INCENTIVE_INPUT_CHUNKSIZE", "60");

	private static final List<String> STEPS = List.of("ingest-accounts", "ingest-broadcasts-part:part0");

	/** In-process runs take turns (Spring Batch keys its scopes by execution id, which databases repeat). */
	private static final Object IN_PROCESS = new Object();

	@TempDir
	Path temp;

	@Test
	void aChunkWrittenAgainAfterItsCommitEndsAsOneCleanRun() throws Exception {
		try (TestDatabase before = TestDatabase.create(); TestDatabase clean = TestDatabase.create()) {
			Path out = this.temp.resolve("clean");
			List<String> trace;
			System.setProperty("incentive.fault.trace", "true");
			try {
				FaultInjection.TRACE.clear();
				Cli.Result result = new Cli(clean, "--incentive.input.chunk-size=60").run(command(out));
				assertThat(result.exitCode()).as(result.toString()).isZero();
				trace = new ArrayList<>(FaultInjection.TRACE);
			}
			finally {
				System.clearProperty("incentive.fault.trace");
			}
			Map<String, List<String>> expectedTables = TableDump.of(clean.jdbc(), Migrations.OUTPUT_TABLES);
			Map<String, String> expectedFiles = OutputFiles.of(out);

			List<String> points = new ArrayList<>();
			for (String step : STEPS) {
				List<String> saves = trace.stream().filter(p -> p.startsWith(step + ":")).toList();
				// A step saves twice after each chunk's commit and four times at its end: the first save
				// after the last chunk and after the one before it (neither of its saves made yet)
				assertThat(saves).as(step + ": several chunks").hasSizeGreaterThanOrEqualTo(10);
				points.add(saves.get(saves.size() - 8));
				points.add(saves.get(saves.size() - 6));
			}
			List<java.util.concurrent.Callable<Void>> runs = new ArrayList<>();
			for (String point : points) {
				runs.add(() -> {
					killAndRestart(before, point, expectedTables, expectedFiles);
					return null;
				});
			}
			TwoAtATime.run(runs);
		}
	}

	private void killAndRestart(TestDatabase before, String point, Map<String, List<String>> expectedTables,
			Map<String, String> expectedFiles) throws Exception {
		String name = "killed-" + point.replace(':', '-');
		Path out = this.temp.resolve(name);
		try (TestDatabase db = TestDatabase.copyOf(before)) {
			Path log = this.temp.resolve(name + ".log");
			Map<String, String> env = new java.util.HashMap<>(SETTINGS);
			env.put("INCENTIVE_FAULT_KILL_AT", point);
			Process child = ChildProcess.start(db, log, env, command(out));
			assertThat(child.waitFor(120, TimeUnit.SECONDS)).as(point).isTrue();
			assertThat(Files.readString(log)).as(point).contains("FAULT kill -9 at " + point);

			Cli.Result restarted;
			synchronized (IN_PROCESS) {
				restarted = new Cli(db, "--incentive.input.chunk-size=60").run("restart", "nightly", "--date", DAY);
			}
			assertThat(restarted.exitCode()).as(point + "\n" + restarted).isZero();
			assertThat(TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES)).as(point).isEqualTo(expectedTables);
			assertThat(OutputFiles.of(out)).as(point).isEqualTo(expectedFiles);
		}
	}

	private static String[] command(Path out) {
		return new String[] { "nightly", "--date", DAY, "--inbox", Cli.EXAMPLE_INBOX, "--out", out.toString(), "--policy",
				Cli.EXAMPLE_POLICY };
	}

}
