package com.livecommerce.incentive.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.ChildProcess;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.Migrations;
import com.livecommerce.incentive.support.OutputFiles;
import com.livecommerce.incentive.support.TableDump;
import com.livecommerce.incentive.support.TestDatabase;
import com.livecommerce.incentive.support.Triggers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the operator relies on at 3 a.m.: locks, dead runs, restart, backfill, status (SPEC §5). */
class OperationsTest {

	private static final String[] EXAMPLE = { "--inbox", "jobs/examples/inbox", "--policy", "jobs/examples/policy" };

	@TempDir
	Path temp;

	@Test
	void killDashNineDuringAllocationThenRestartEndsExactlyLikeACleanRun() throws Exception {
		try (TestDatabase clean = TestDatabase.create(); TestDatabase killed = TestDatabase.create()) {
			assertThat(run(clean, "clean", "nightly", "--from", "2023-11-29", "--to", "2023-11-30").exitCode()).isZero();

			assertThat(run(killed, "killed", "nightly", "--date", "2023-11-29").exitCode()).isZero();
			Triggers.slowInsert(killed, "slow_allocation", "coupon_grant", "NEW.grant_id = 'GR:S1130-0117'", 3);
			Process child = ChildProcess.start(killed, this.temp.resolve("child.log"),
					Map.of("INCENTIVE_ALLOCATION_CHUNKSIZE", "10"),
					args("killed", "nightly", "--date", "2023-11-30"));
			waitFor(() -> killed.jdbc().queryForObject(
					"SELECT COUNT(*) FROM coupon_grant WHERE business_date = '2023-11-30'", Integer.class) >= 20, child);
			child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
			Triggers.drop(killed, "slow_allocation");

			Cli.Result status = run(killed, "killed", "status", "--limit", "3");
			assertThat(status.out()).contains("DEAD").contains("restart --execution");

			Cli.Result restarted = run(killed, "killed", "restart", "nightly", "--date", "2023-11-30");
			assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
			assertThat(restarted.out()).contains("was left by a process that ended without recording its outcome; recovered");

			assertThat(TableDump.of(killed.jdbc(), Migrations.OUTPUT_TABLES))
				.isEqualTo(TableDump.of(clean.jdbc(), Migrations.OUTPUT_TABLES));
			assertThat(OutputFiles.of(this.temp.resolve("killed"))).isEqualTo(OutputFiles.of(this.temp.resolve("clean")));
		}
	}

	@Test
	void twoProcessesLaunchingOneDateAtOnceRunItOnce() throws Exception {
		try (TestDatabase clean = TestDatabase.create(); TestDatabase db = TestDatabase.create()) {
			assertThat(run(clean, "clean", "nightly", "--date", "2023-11-29").exitCode()).isZero();
			Triggers.slowInsert(db, "slow_start", "stg_brand", "TRUE", 0.4);
			Process first = ChildProcess.start(db, this.temp.resolve("first.log"), Map.of(),
					args("twice", "nightly", "--date", "2023-11-29"));
			Process second = ChildProcess.start(db, this.temp.resolve("second.log"), Map.of(),
					args("twice", "nightly", "--date", "2023-11-29"));
			assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
			List<Integer> codes = new ArrayList<>(List.of(first.exitValue(), second.exitValue()));
			codes.sort(null);
			assertThat(codes).as(Files.readString(this.temp.resolve("first.log")) + Files.readString(this.temp.resolve("second.log")))
				.containsExactly(0, 5);
			Triggers.drop(db, "slow_start");
			assertThat(db.count("BATCH_JOB_EXECUTION")).as("the refused launch left no execution").isEqualTo(1);
			assertThat(TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES))
				.isEqualTo(TableDump.of(clean.jdbc(), Migrations.OUTPUT_TABLES));
		}
	}

	@Test
	void backfillRunsTheDatesInOrderAndStopsAtTheFirstThatFails() {
		try (TestDatabase db = TestDatabase.create(); TestDatabase oneByOne = TestDatabase.create()) {
			Cli.Result backfill = run(db, "backfill", "nightly", "--from", "2023-11-29", "--to", "2023-12-05");
			assertThat(backfill.exitCode()).as(backfill.toString()).isEqualTo(3);
			assertThat(backfill.err()).contains("2023-12-04").contains("backfill stopped at 2023-12-04 (exit 3)");
			assertThat(db.jdbc().queryForList("""
					SELECT p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION_PARAMS p
					  ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'businessDate'
					WHERE e.STATUS = 'COMPLETED' ORDER BY e.JOB_EXECUTION_ID""", String.class))
				.containsExactly("2023-11-29", "2023-11-30", "2023-12-01", "2023-12-02", "2023-12-03");
			for (String day : List.of("2023-11-29", "2023-11-30", "2023-12-01", "2023-12-02", "2023-12-03")) {
				assertThat(run(oneByOne, "one", "nightly", "--date", day).exitCode()).isZero();
			}
			List<String> tables = List.of("coupon_grant", "coupon_clawback", "account_status", "pool_balance");
			assertThat(TableDump.of(db.jdbc(), tables)).isEqualTo(TableDump.of(oneByOne.jdbc(), tables));
			assertThat(run(db, "backfill", "nightly", "--from", "2023-11-30", "--to", "2023-11-29").exitCode())
				.isEqualTo(2);
			assertThat(run(db, "backfill", "nightly", "--from", "2023-11-30").exitCode()).isEqualTo(2);
		}
	}

	@Test
	void restartResumesAFailedRunWithItsOwnParametersAndRefusesWhatThereIsNoNeedToRestart() throws IOException {
		try (TestDatabase db = TestDatabase.create()) {
			Triggers.failInsert(db, "fail_claims", "claim", "TRUE", "injected failure in derive-claims");
			Cli.Result failed = run(db, "out", "nightly", "--date", "2023-11-29");
			assertThat(failed.exitCode()).isEqualTo(1);
			long execution = db.jdbc().queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
			Cli.Result status = run(db, "out", "status");
			assertThat(status.out()).contains("FAILED").contains("restart --execution " + execution);
			Path report = this.temp.resolve("out/2023-11-29/run-report.txt");
			assertThat(Files.readString(report)).contains("FAILED (exit 1)")
				.contains("injected failure in derive-claims")
				.contains("resume with: restart --execution " + execution)
				.contains("derive-claims");
			Triggers.drop(db, "fail_claims");

			Cli.Result unknown = new Cli(db).run("restart", "--execution", "999");
			assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
			assertThat(new Cli(db).run("restart", "nightly", "--date", "2023-12-25").exitCode()).isEqualTo(2);
			assertThat(new Cli(db).run("restart").exitCode()).isEqualTo(2);
			Cli.Result restarted = new Cli(db).run("restart", "--execution", Long.toString(execution));
			assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
			assertThat(db.jdbc().queryForObject(
					"SELECT COUNT(*) FROM BATCH_STEP_EXECUTION s JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID"
							+ " WHERE e.JOB_EXECUTION_ID > ? AND s.STEP_NAME = 'apply-input'", Integer.class, execution))
				.as("completed steps before the failure are not run again").isZero();
			assertThat(this.temp.resolve("out/2023-11-29/notifications-nightly-2023-11-29.jsonl"))
				.as("the restart used the failed run's --out").exists();
			assertThat(Files.readString(this.temp.resolve("out/2023-11-29/run-report.json"))).contains("\"status\" : \"COMPLETED\"")
				.contains("\"input files\"");
			Cli.Result again = new Cli(db).run("restart", "--execution", Long.toString(execution));
			assertThat(again.exitCode()).isZero();
			assertThat(again.out()).contains("already complete");
		}
	}

	private Cli.Result run(TestDatabase db, String out, String... command) {
		return new Cli(db).run(args(out, command));
	}

	private String[] args(String out, String... command) {
		List<String> all = new ArrayList<>(List.of(command));
		if (command[0].equals("nightly")) {
			all.addAll(List.of(EXAMPLE));
		}
		if (!command[0].equals("status") && !command[0].equals("restart")) {
			all.addAll(List.of("--out", this.temp.resolve(out).toString()));
		}
		return all.toArray(String[]::new);
	}

	private interface Condition {

		boolean holds() throws Exception;

	}

	private static void waitFor(Condition condition, Process child) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (!condition.holds()) {
			assertThat(child.isAlive()).as("the child is still running").isTrue();
			assertThat(System.nanoTime()).as("waited too long").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

}
