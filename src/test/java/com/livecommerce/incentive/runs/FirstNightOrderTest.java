package com.livecommerce.incentive.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.OutputFiles;
import com.livecommerce.incentive.support.TestDatabase;
import com.livecommerce.incentive.support.Triggers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first night fixes the start the moment it starts (SPEC §5, issue 33 point 2): while it has
 * not completed (running, failed or dead) no other date runs, {@code restart} keeps the order
 * {@code nightly} keeps, and a failed first attempt can be undone with the command the refusal
 * names. Before the fix, a first night that failed on a bad header let 12-02 become the first
 * night; 12-01 then ran through {@code restart} into the pool of 12-02 (113 grants and 117
 * messages after 12-02 was allocated) and {@code undo-first-night} refused the way out it advised.
 */
class FirstNightOrderTest {

	private static final String BROKEN = "2023-12-01";

	@TempDir
	Path temp;

	private Path inbox;

	private Path out;

	@BeforeEach
	void inboxWithABadHeaderOn1201() throws IOException {
		this.inbox = OutputFiles.copy(Path.of(Cli.EXAMPLE_INBOX), this.temp.resolve("inbox"));
		this.out = this.temp.resolve("out");
		Path sessions = this.inbox.resolve(BROKEN).resolve("broadcasts.csv");
		String text = Files.readString(sessions);
		int eol = text.indexOf('\n');
		Files.writeString(sessions, text.substring(0, eol) + ",extra" + text.substring(eol));
	}

	private void fixTheHeader() throws IOException {
		Files.copy(Path.of(Cli.EXAMPLE_INBOX, BROKEN, "broadcasts.csv"), this.inbox.resolve(BROKEN).resolve("broadcasts.csv"),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	private Cli.Result night(Cli cli, String date) {
		return cli.nightly(date, this.inbox, this.out, Cli.EXAMPLE_POLICY);
	}

	@Test
	void aFailedFirstNightKeepsEveryOtherDateOutUntilItCompletes() throws IOException {
		try (TestDatabase db = TestDatabase.create()) {
			Cli cli = new Cli(db);
			Cli.Result failed = night(cli, BROKEN);
			assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);

			for (String other : new String[] { "2023-12-02", "2023-11-29" }) {
				Cli.Result refused = night(cli, other);
				assertThat(refused.exitCode()).as(other + " while the first night failed: " + refused).isEqualTo(4);
				assertThat(refused.err()).contains("2023-12-01 is the first night of this database and has not completed",
						"FAILED", "restart nightly --date 2023-12-01", "undo-first-night --date 2023-12-01");
			}
			assertThat(db.count("BATCH_JOB_INSTANCE")).as("the refused dates started nothing").isEqualTo(1);
			assertThat(db.count("coupon_grant")).isZero();
			assertThat(db.count("brand_history")).as("nothing of another date's snapshot was applied").isZero();

			fixTheHeader();
			Cli.Result resumed = cli.run("restart", "nightly", "--date", BROKEN);
			assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
			assertThat(night(cli, "2023-12-02").exitCode()).isZero();
			assertThat(night(cli, "2023-11-29").exitCode()).as("before the first night: out of order").isEqualTo(4);
		}
	}

	@Test
	void aFailedFirstAttemptIsUndoneWithTheCommandTheRefusalNames() {
		try (TestDatabase db = TestDatabase.create()) {
			Cli cli = new Cli(db);
			assertThat(night(cli, BROKEN).exitCode()).isEqualTo(1);
			Cli.Result refused = night(cli, "2023-11-29");
			assertThat(refused.exitCode()).isEqualTo(4);
			Cli.Result undone = cli.run("undo-first-night", "--date", BROKEN);
			assertThat(undone.exitCode()).as(undone.toString()).isZero();
			assertThat(undone.out()).contains("the night of 2023-12-01 was undone");
			assertThat(db.count("BATCH_JOB_INSTANCE")).isZero();
			Cli.Result first = night(cli, "2023-11-29");
			assertThat(first.exitCode()).as("11-29 is the first night now: " + first).isZero();
		}
	}

	/**
	 * The state an earlier version left (issue 33: 12-01 failed, then 12-02 accepted as the first
	 * night): restart of 12-01 is out of order like nightly, and the undo the refusal advises works,
	 * forgetting the failed attempt with it.
	 */
	@Test
	void restartKeepsTheOrderAndTheAdvisedUndoWorksOnWhatAnOlderVersionLeft() throws IOException {
		try (TestDatabase db = TestDatabase.create()) {
			Cli cli = new Cli(db);
			assertThat(night(cli, BROKEN).exitCode()).isEqualTo(1);
			long failedExecution = db.jdbc().queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION",
					Long.class);
			// what the older version allowed: 12-02 taken as the first night beside the failed 12-01
			db.jdbc().update("UPDATE BATCH_JOB_INSTANCE SET JOB_NAME = 'hidden' WHERE JOB_NAME = 'nightly'");
			assertThat(night(cli, "2023-12-02").exitCode()).isZero();
			db.jdbc().update("UPDATE BATCH_JOB_INSTANCE SET JOB_NAME = 'nightly' WHERE JOB_NAME = 'hidden'");
			long grants = db.count("coupon_grant");
			fixTheHeader();

			Cli.Result restart = cli.run("restart", "nightly", "--date", BROKEN);
			assertThat(restart.exitCode()).as(restart.toString()).isEqualTo(4);
			assertThat(restart.err()).contains("2023-12-01 is before 2023-12-02, the first night of this database",
					"undo-first-night --date 2023-12-02");
			Cli.Result byExecution = cli.run("restart", "--execution", Long.toString(failedExecution));
			assertThat(byExecution.exitCode()).as(byExecution.toString()).isEqualTo(4);
			assertThat(db.count("coupon_grant")).as("nothing of 12-01 reached 12-02's pool").isEqualTo(grants);
			assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM coupon_grant WHERE business_date = '2023-12-01'",
					Integer.class)).isZero();

			Cli.Result undone = cli.run("undo-first-night", "--date", "2023-12-02");
			assertThat(undone.exitCode()).as("the advice printed works: " + undone).isZero();
			assertThat(undone.out()).contains("the attempts of 2023-12-01, which never completed, were forgotten with it");
			Cli.Result first = night(cli, BROKEN);
			assertThat(first.exitCode()).as("12-01 runs as the first night: " + first).isZero();
		}
	}

	/** Two dates started at once on an empty database: the one that started first is the first night. */
	@Test
	void whileTheFirstNightRunsNoOtherDateStarts() throws Exception {
		try (TestDatabase db = TestDatabase.create()) {
			Triggers.slowInsert(db, "slow", "stg_brand", "TRUE", 3);
			Cli cli = new Cli(db);
			CompletableFuture<Cli.Result> first = CompletableFuture.supplyAsync(() -> night(cli, "2023-11-29"));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (db.count("BATCH_JOB_EXECUTION WHERE STATUS = 'STARTED'") == 0) {
				assertThat(System.nanoTime()).as("the first night started").isLessThan(deadline);
				Thread.sleep(50);
			}
			Cli.Result other = night(cli, "2023-11-30");
			assertThat(other.exitCode()).as(other.toString()).isEqualTo(4);
			assertThat(other.err()).contains("nightly 2023-11-29 is running");
			assertThat(first.get().exitCode()).isZero();
			assertThat(db.count("BATCH_JOB_INSTANCE")).isEqualTo(1);
		}
	}

}
