package com.livecommerce.incentive.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.Inbox;
import com.livecommerce.incentive.support.TestDatabase;
import com.livecommerce.incentive.support.Triggers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second launch of a date that is running gets exit code 5 and changes nothing. */
class ConcurrentRunTest {

	private static final LocalDate DAY = LocalDate.of(2023, 11, 29);

	@TempDir
	Path temp;

	@Test
	void secondLaunchOfARunningDateIsRefused() throws Exception {
		Inbox inbox = new Inbox(this.temp.resolve("inbox")).validDay(DAY);
		try (TestDatabase db = TestDatabase.create()) {
			// Slow down the first run while it stages brands.csv.
			Triggers.slowInsert(db, "slow", "stg_brand", "TRUE", 3);
			Cli cli = new Cli(db);
			String[] args = { "nightly", "--date", DAY.toString(), "--inbox", inbox.root().toString(), "--out",
					this.temp.resolve("out").toString() };
			CompletableFuture<Cli.Result> first = CompletableFuture.supplyAsync(() -> cli.run(args));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (db.jdbc().queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'STARTED'",
					Integer.class) == 0) {
				assertThat(System.nanoTime()).as("the first run started").isLessThan(deadline);
				Thread.sleep(50);
			}
			Cli.Result second = cli.run(args);
			assertThat(second.exitCode()).as(second.toString()).isEqualTo(5);
			assertThat(second.err()).contains("already running");

			Cli.Result firstResult = first.get();
			assertThat(firstResult.exitCode()).as(firstResult.toString()).isZero();
			assertThat(db.count("brand")).isEqualTo(2);
			assertThat(db.count("BATCH_JOB_EXECUTION")).as("the refused launch recorded no execution").isEqualTo(1);
		}
	}

}
