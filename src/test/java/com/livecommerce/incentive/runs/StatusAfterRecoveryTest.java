package com.livecommerce.incentive.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.OutputFiles;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} tells what happened, also after a recovery (issue 35 point 5): a failed
 * execution a later one took up says so instead of still offering a restart; its rejected rows
 * are those it left, not the later execution's; a dead or failed run names the step it stopped
 * in. A required file missing beside {@code _SUCCESS} is called an incomplete delivery.
 */
class StatusAfterRecoveryTest {

	private static final String DAY = "2023-11-29";

	@TempDir
	Path temp;

	@Test
	void statusTellsAFailedRunItsStepItsOwnRejectsAndWhoTookItUp() throws IOException {
		Path inbox = OutputFiles.copy(Path.of(Cli.EXAMPLE_INBOX, DAY), this.temp.resolve("inbox").resolve(DAY)).getParent();
		Path sessions = inbox.resolve(DAY).resolve("broadcasts.csv");
		List<String> good = Files.readAllLines(sessions);
		List<String> bad = new ArrayList<>(good);
		for (int i = 1; i <= 60; i++) {
			bad.set(i, bad.get(i).replaceFirst(",[0-9]+,([0-9]+,[0-9]+,[0-9]+,[0-9]+)$", ",-5,$1")); // a negative GMV
		}
		Files.write(sessions, bad);
		try (TestDatabase db = TestDatabase.create()) {
			Cli cli = new Cli(db);
			Path out = this.temp.resolve("out");
			Cli.Result failed = cli.nightly(DAY, inbox, out, Cli.EXAMPLE_POLICY);
			assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
			assertThat(failed.err()).contains("run the same command again (nightly --date 2023-11-29): it checks the"
					+ " policy and the input again");
			String before = line(cli.run("status").out(), "1 ");
			assertThat(before).contains("FAILED", "input-gate", "restart --execution 1");
			String rejectedBefore = before.split("\\s+")[9];
			assertThat(Integer.parseInt(rejectedBefore)).isGreaterThan(50);

			// as a process that died there would leave it: DEAD, in its step
			db.jdbc().update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL WHERE JOB_EXECUTION_ID = 1");
			db.jdbc().update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED' WHERE JOB_EXECUTION_ID = 1 AND STATUS = 'FAILED'");
			assertThat(line(cli.run("status").out(), "1 ")).contains("DEAD", "input-gate", "restart --execution 1");

			Files.write(sessions, good);
			Cli.Result resumed = cli.run("restart", "nightly", "--date", DAY);
			assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
			String status = cli.run("status").out();
			String first = line(status, "1 ");
			assertThat(first).as(status).contains("resumed by 2").doesNotContain("restart --execution");
			assertThat(first.split("\\s+")[9]).as("the rejects it left").isEqualTo(rejectedBefore);
			String second = line(status, "2 ");
			assertThat(second).contains("COMPLETED");
			assertThat(second.split("\\s+")[9]).as("2 sessions and 1 violation of the day").isEqualTo("3");
		}
	}

	@Test
	void aRequiredFileMissingBesideSuccessIsAnIncompleteDelivery() throws IOException {
		Path inbox = OutputFiles.copy(Path.of(Cli.EXAMPLE_INBOX, DAY), this.temp.resolve("inbox").resolve(DAY)).getParent();
		Files.delete(inbox.resolve(DAY).resolve("store_risk.csv"));
		Cli.Result result = new Cli(null).nightly(DAY, inbox, this.temp.resolve("out"), Cli.EXAMPLE_POLICY);
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
		assertThat(result.err()).contains("input for 2023-11-29 is incomplete: upstream wrote _SUCCESS but",
				"lacks store_risk.csv", "Ask upstream to deliver the whole day");
	}

	private static String line(String status, String prefix) {
		return status.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(status));
	}

}
