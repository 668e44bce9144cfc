package com.livecommerce.incentive.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.Migrations;
import com.livecommerce.incentive.support.OutputFiles;
import com.livecommerce.incentive.support.TableDump;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restart} checks the inbox as {@code nightly} does, before it resumes anything (SPEC §3,
 * issue 34 point 1). Before the fix a night that failed on a bad header was resumed on a partial
 * redelivery (no {@code _SUCCESS}, 100 of 298 sessions) and completed, exit 0; and with the day's
 * folder gone, restart recorded a new failed execution and exited 1.
 */
class RestartReadinessTest {

	private static final String DAY = "2023-11-30";

	@TempDir
	Path temp;

	@Test
	void restartOfANightWhoseInboxIsNotReadyExitsThreeAndResumesNothing() throws IOException {
		Path inbox = OutputFiles.copy(Path.of(Cli.EXAMPLE_INBOX), this.temp.resolve("inbox"));
		Path out = this.temp.resolve("out");
		Path day = inbox.resolve(DAY);
		Path sessions = day.resolve("broadcasts.csv");
		List<String> lines = Files.readAllLines(sessions);
		try (TestDatabase db = TestDatabase.create()) {
			Cli cli = new Cli(db);
			assertThat(cli.nightly("2023-11-29", inbox, out, Cli.EXAMPLE_POLICY).exitCode()).isZero();
			Files.writeString(sessions, lines.get(0) + ",extra\n" + String.join("\n", lines.subList(1, lines.size())) + "\n");
			Cli.Result failed = cli.nightly(DAY, inbox, out, Cli.EXAMPLE_POLICY);
			assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
			long execution = db.jdbc().queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);

			// upstream redelivers: _SUCCESS withdrawn, a partial file (the header and 100 rows)
			Files.delete(day.resolve("_SUCCESS"));
			Files.write(sessions, lines.subList(0, 101));
			Map<String, List<String>> before = TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES);
			long executions = db.count("BATCH_JOB_EXECUTION");
			for (String[] restart : List.of(new String[] { "restart", "nightly", "--date", DAY },
					new String[] { "restart", "--execution", Long.toString(execution) })) {
				Cli.Result refused = cli.run(restart);
				assertThat(refused.exitCode()).as(String.join(" ", restart) + ": " + refused).isEqualTo(3);
				assertThat(refused.err()).contains("not resumed: input for 2023-11-30 not ready: no _SUCCESS");
			}
			// the day's folder gone
			TestDatabase.deleteRecursively(day);
			Cli.Result gone = cli.run("restart", "nightly", "--date", DAY);
			assertThat(gone.exitCode()).as(gone.toString()).isEqualTo(3);
			assertThat(gone.err()).contains("does not exist");
			assertThat(db.count("BATCH_JOB_EXECUTION")).as("no execution recorded").isEqualTo(executions);
			assertThat(TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES)).as("nothing resumed").isEqualTo(before);

			// upstream finishes: the whole day again, then restart completes it
			OutputFiles.copy(Path.of(Cli.EXAMPLE_INBOX, DAY), day);
			Cli.Result resumed = cli.run("restart", "nightly", "--date", DAY);
			assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
			assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM broadcast_session WHERE business_date = ?",
					Integer.class, DAY)).isGreaterThan(200);
		}
	}

}
