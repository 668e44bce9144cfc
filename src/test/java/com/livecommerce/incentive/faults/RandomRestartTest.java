package com.livecommerce.incentive.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.Migrations;
import com.livecommerce.incentive.support.MySql8Server;
import com.livecommerce.incentive.support.OutputFiles;
import com.livecommerce.incentive.support.TableDump;
import com.livecommerce.incentive.support.TestDatabase;
import com.livecommerce.incentive.support.Triggers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A night fails at a random step, upstream meanwhile changes its inbox at random, and the night
 * is restarted (issue 34): for every seed, the restart either refuses (exit 3 while the input is
 * not ready, exit 1 for input it cannot take) and applies nothing, or ends with exactly the
 * tables and files of one clean run of the inbox as it is then. A refused restart is then given
 * the inbox back and must end like a clean run of it. Seeds are fixed: a failure names its seed,
 * which replays it alone ({@code -Drandom.restart.seed=N}).
 */
class RandomRestartTest {

	private static final String DAY_ONE = "2023-11-29";

	private static final String DAY = "2023-11-30";

	/** Where a night fails: an insert into this table fails (a trigger), inside the step that writes it. */
	private static final List<String> FAILING_TABLES = List.of("stg_brand", "stg_account", "broadcast_session",
			"stg_store_risk", "stg_violation", "account_day_total", "account_status", "claim_baseline", "claim",
			"eligibility_decision", "benchmark_event_outcome", "coupon_grant", "notification", "notification_batch",
			"daily_summary");

	private enum Change {

		NONE, WITHDRAW_SUCCESS, TRUNCATE_SESSIONS, CHANGE_A_HEADER, ADD_A_CONFLICTING_ROW, DROP_A_REQUIRED_FILE

	}

	@TempDir
	Path temp;

	private final Map<String, Expected> cleanRuns = new HashMap<>();

	private record Expected(Map<String, List<String>> tables, Map<String, String> files) {
	}

	@Test
	void aRestartAfterAFailureAndAChangedInboxRefusesOrEndsLikeACleanRunOfTheInboxAsItIs() throws IOException {
		int seeds = Integer.getInteger("random.restart.seeds", MySql8Server.wanted() ? 20 : 50);
		Integer only = Integer.getInteger("random.restart.seed");
		try (TestDatabase base = TestDatabase.create()) {
			Path baseOut = this.temp.resolve("base-out");
			assertThat(new Cli(base).nightly(DAY_ONE, Cli.EXAMPLE_INBOX, baseOut, Cli.EXAMPLE_POLICY).exitCode()).isZero();
			for (int seed = only == null ? 1 : only; seed <= (only == null ? seeds : only); seed++) {
				restartAfterAFailure(base, baseOut, seed);
			}
		}
	}

	private void restartAfterAFailure(TestDatabase base, Path baseOut, int seed) throws IOException {
		Random random = new Random(seed);
		String table = FAILING_TABLES.get(random.nextInt(FAILING_TABLES.size()));
		Change change = Change.values()[random.nextInt(Change.values().length)];
		String what = "seed " + seed + ": failed on " + table + ", then " + change;
		Path inbox = this.temp.resolve("inbox-" + seed);
		OutputFiles.copy(Path.of(Cli.EXAMPLE_INBOX, DAY), inbox.resolve(DAY));
		Path out = OutputFiles.copy(baseOut, this.temp.resolve("out-" + seed));
		try (TestDatabase db = TestDatabase.copyOf(base)) {
			Cli cli = new Cli(db);
			Triggers.failInsert(db, "injected", table, "TRUE", "injected failure");
			Cli.Result failed = cli.nightly(DAY, inbox, out, Cli.EXAMPLE_POLICY);
			Triggers.drop(db, "injected");
			assertThat(failed.exitCode()).as(what + "\n" + failed).isEqualTo(1);

			Map<String, List<String>> afterFailure = TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES);
			change(change, inbox.resolve(DAY), random);
			Cli.Result restarted = cli.run("restart", "nightly", "--date", DAY);
			System.out.println("RandomRestartTest " + what + ": restart exit " + restarted.exitCode());
			assertThat(restarted.exitCode()).as(what + "\n" + restarted).isIn(0, 1, 3);
			if (restarted.exitCode() == 0) {
				assertLikeACleanRun(base, baseOut, inbox, db, out, what);
				return;
			}
			if (restarted.exitCode() == 3) {
				assertThat(change).as(what + ": exit 3 for input not ready\n" + restarted)
					.isIn(Change.WITHDRAW_SUCCESS, Change.DROP_A_REQUIRED_FILE);
			}
			else {
				assertThat(change).as(what + ": exit 1 only for input it cannot take\n" + restarted).isNotEqualTo(Change.NONE);
			}
			Map<String, List<String>> afterRefusal = TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES);
			for (String t : Migrations.OUTPUT_TABLES) {
				assertThat(afterRefusal.get(t)).as(what + ": a refused restart applies nothing: " + t + "\n" + restarted)
					.containsExactlyElementsOf(afterFailure.get(t));
			}

			// upstream puts the day back as it first delivered it: the restart ends like a clean run of it
			TestDatabase.deleteRecursively(inbox.resolve(DAY));
			OutputFiles.copy(Path.of(Cli.EXAMPLE_INBOX, DAY), inbox.resolve(DAY));
			Cli.Result again = cli.run("restart", "nightly", "--date", DAY);
			assertThat(again.exitCode()).as(what + ", then the inbox restored\n" + again).isZero();
			assertLikeACleanRun(base, baseOut, inbox, db, out, what + ", then the inbox restored");
		}
	}

	/** The tables and files of {@code db} and {@code out} are those of one clean run of the inbox as it is now. */
	private void assertLikeACleanRun(TestDatabase base, Path baseOut, Path inbox, TestDatabase db, Path out, String what)
			throws IOException {
		Expected expected = cleanRun(base, baseOut, inbox);
		Map<String, List<String>> actual = TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES);
		for (String table : Migrations.OUTPUT_TABLES) {
			assertThat(actual.get(table)).as(what + ": " + table).containsExactlyElementsOf(expected.tables().get(table));
		}
		assertThat(OutputFiles.of(out)).as(what + ": files").isEqualTo(expected.files());
	}

	/** One clean night of the inbox as it is now on the state of the day before (each content run once). */
	private Expected cleanRun(TestDatabase base, Path baseOut, Path inbox) throws IOException {
		StringBuilder content = new StringBuilder();
		try (var files = Files.list(inbox.resolve(DAY))) {
			for (Path file : files.sorted().toList()) {
				content.append(file.getFileName()).append('\n').append(Files.readString(file)).append('\n');
			}
		}
		String key = content.toString();
		Expected known = this.cleanRuns.get(key);
		if (known != null) {
			return known;
		}
		Path cleanInbox = OutputFiles.copy(inbox.resolve(DAY), this.temp.resolve("clean-" + this.cleanRuns.size()).resolve(DAY))
			.getParent();
		Path cleanOut = OutputFiles.copy(baseOut, this.temp.resolve("clean-out-" + this.cleanRuns.size()));
		try (TestDatabase clean = TestDatabase.copyOf(base)) {
			Cli.Result run = new Cli(clean).nightly(DAY, cleanInbox, cleanOut, Cli.EXAMPLE_POLICY);
			assertThat(run.exitCode()).as("the clean run of the inbox as it is\n" + run).isZero();
			Expected expected = new Expected(TableDump.of(clean.jdbc(), Migrations.OUTPUT_TABLES), OutputFiles.of(cleanOut));
			this.cleanRuns.put(key, expected);
			return expected;
		}
	}

	/** What upstream does to the day's inbox between the failure and the restart. */
	private static void change(Change change, Path day, Random random) throws IOException {
		Path sessions = day.resolve("broadcasts.csv");
		switch (change) {
			case NONE -> {
			}
			case WITHDRAW_SUCCESS -> Files.delete(day.resolve("_SUCCESS"));
			case DROP_A_REQUIRED_FILE -> Files.delete(day.resolve(List.of("brands.csv", "accounts.csv", "broadcasts.csv",
					"store_risk.csv", "violations.csv", "benchmark_events.csv").get(random.nextInt(6))));
			case TRUNCATE_SESSIONS -> {
				List<String> lines = Files.readAllLines(sessions);
				Files.write(sessions, lines.subList(0, 1 + random.nextInt(lines.size() - 1)));
			}
			case CHANGE_A_HEADER -> {
				Path file = day.resolve(List.of("brands.csv", "accounts.csv", "broadcasts.csv", "store_risk.csv")
					.get(random.nextInt(4)));
				List<String> lines = new ArrayList<>(Files.readAllLines(file));
				lines.set(0, lines.get(0) + ",extra");
				Files.write(file, lines);
			}
			case ADD_A_CONFLICTING_ROW -> {
				List<String> lines = new ArrayList<>(Files.readAllLines(sessions));
				String[] f = lines.get(1 + random.nextInt(lines.size() - 1)).split(",", -1);
				f[4] = Long.toString(1 + random.nextInt(9_000_000));
				lines.add(String.join(",", f));
				Files.write(sessions, lines);
			}
		}
	}

}
