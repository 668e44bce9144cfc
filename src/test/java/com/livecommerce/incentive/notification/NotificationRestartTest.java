package com.livecommerce.incentive.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.TableDump;
import com.livecommerce.incentive.support.TestDatabase;
import com.livecommerce.incentive.support.Triggers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed while writing the batch, restarted, ends with the same rows and the same file. */
class NotificationRestartTest {

	@TempDir
	Path temp;

	@Test
	void failureInTheMiddleOfTheBatchThenRestartLosesAndDoublesNothing() throws IOException {
		try (TestDatabase clean = TestDatabase.create(); TestDatabase faulty = TestDatabase.create()) {
			assertThat(nightly(clean, "clean").exitCode()).isZero();

			Triggers.failInsert(faulty, "fail_notification", "notification",
					"NEW.dedupe_key = 'SESSION_REWARD:S1129-0126'", "injected failure while writing the batch");
			Cli.Result failed = nightly(faulty, "faulty");
			assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
			assertThat(failed.err()).contains("notify-session-rewards");
			assertThat(faulty.count("notification")).as("the chunks before the failing one are kept").isBetween(1L, 125L);
			assertThat(faulty.count("notification_batch")).as("the batch is not published").isZero();
			assertThat(this.temp.resolve("faulty/2023-11-29/notifications-nightly-2023-11-29.jsonl")).doesNotExist();

			Triggers.drop(faulty, "fail_notification");
			assertThat(nightly(faulty, "faulty").exitCode()).isZero();
			List<String> tables = List.of("notification", "notification_batch");
			assertThat(TableDump.of(faulty.jdbc(), tables)).isEqualTo(TableDump.of(clean.jdbc(), tables));
			assertThat(Files.readString(this.temp.resolve("faulty/2023-11-29/notifications-nightly-2023-11-29.jsonl")))
				.isEqualTo(Files.readString(this.temp.resolve("clean/2023-11-29/notifications-nightly-2023-11-29.jsonl")));
		}
	}

	private Cli.Result nightly(TestDatabase db, String out) {
		return new Cli(db, "--incentive.notification.chunk-size=10").exampleNight("2023-11-29", this.temp.resolve(out));
	}

}
