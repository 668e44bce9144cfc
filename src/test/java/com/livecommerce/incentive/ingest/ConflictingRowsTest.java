package com.livecommerce.incentive.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.OutputFiles;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstream contradicting itself is seen, never settled by picking one side (SPEC §3, issue 34
 * points 2 and 3): a violation id delivered again on a later date with other values is a bad row
 * with its reason (before: dropped in silence, the account not revoked, nothing counted); one
 * session id twice in one file with different values has every row rejected (before: the first
 * kept and granted G3, the second rejected); an exact repeat is kept once, not a bad row.
 */
class ConflictingRowsTest {

	@TempDir
	Path temp;

	@Test
	void contradictionsAreRejectedWithTheirReasonAndExactRepeatsKeptOnce() throws IOException {
		Path inbox = OutputFiles.copy(Path.of(Cli.EXAMPLE_INBOX), this.temp.resolve("inbox"));
		Path day = inbox.resolve("2023-12-01");
		// V-0003 came on 11-30 for ACC-V-FAKE-FOLLOWERS (FAKE_FOLLOWERS); V-0004 for ACC-V-EMULATOR, as below
		Files.writeString(day.resolve("violations.csv"), String.join("\n",
				"V-0003,ACC-GROW-1,COUNTERFEIT,2023-12-01T09:00:00+08:00,",
				"V-0004,ACC-V-EMULATOR,EMULATOR,2023-11-30T11:00:00+08:00,") + "\n", StandardOpenOption.APPEND);
		Path sessions = day.resolve("broadcasts.csv");
		List<String> lines = Files.readAllLines(sessions);
		String growth = lines.get(2); // S1201-0002 of ACC-GROW-1
		assertThat(growth).startsWith("S1201-0002,ACC-GROW-1,");
		String[] f = growth.split(",");
		f[4] = "9000000";
		String high = String.join(",", f);
		f[4] = "100";
		String low = String.join(",", f);
		lines.set(2, high);
		lines.add(low); // the same session, other GMV
		lines.add(lines.get(1)); // an exact repeat of S1201-0001
		Files.write(sessions, lines);
		int conflictLine = lines.size() - 1;

		try (TestDatabase db = TestDatabase.create()) {
			Path out = this.temp.resolve("out");
			Cli.Result nights = new Cli(db).run("nightly", "--from", "2023-11-29", "--to", "2023-12-01", "--inbox",
					inbox.toString(), "--out", out.toString(), "--policy", Cli.EXAMPLE_POLICY);
			assertThat(nights.exitCode()).as(nights.toString()).isZero();

			List<String> violationRejects = db.jdbc().queryForList("""
					SELECT CONCAT(line_number, ' ', reason) FROM rejected_input
					WHERE business_date = '2023-12-01' AND file_name = 'violations.csv' ORDER BY line_number""", String.class);
			assertThat(violationRejects).singleElement()
				.asString()
				.startsWith("5 violation_id 'V-0003' was delivered on 2023-11-30 with other values (account"
						+ " ACC-V-FAKE-FOLLOWERS, type FAKE_FOLLOWERS");
			assertThat(db.count("account_status WHERE account_id = 'ACC-GROW-1'")).as("not revoked by a contradiction")
				.isZero();
			assertThat(Files.readString(out.resolve("2023-12-01/rejects/violations.csv"))).contains("V-0003,ACC-GROW-1");

			List<String> sessionRejects = db.jdbc().queryForList("""
					SELECT CONCAT(line_number, ' ', reason) FROM rejected_input
					WHERE business_date = '2023-12-01' AND file_name = 'broadcasts.csv' AND reason LIKE '%S1201-0002%'
					ORDER BY line_number""", String.class);
			String reason = "session_id 'S1201-0002' is on lines 3, " + conflictLine + " with different values: every row"
					+ " of it is rejected, since neither can be trusted";
			assertThat(sessionRejects).containsExactly("3 " + reason, conflictLine + " " + reason);
			assertThat(db.count("broadcast_session WHERE session_id = 'S1201-0002'")).isZero();
			assertThat(db.count("coupon_grant WHERE session_id = 'S1201-0002'")).as("no G3 for a contradiction").isZero();
			assertThat(db.count("broadcast_session WHERE session_id = 'S1201-0001'")).as("an exact repeat, kept once")
				.isEqualTo(1);
			assertThat(db.count("rejected_input WHERE raw_line LIKE 'S1201-0001,%'")).isZero();
			assertThat(db.jdbc().queryForObject("""
					SELECT CONCAT(rows_read, ' ', rows_rejected) FROM ingest_file
					WHERE business_date = '2023-12-01' AND file_name = 'broadcasts.csv'""", String.class))
				.as("every line counted: the repeat read, the contradiction rejected")
				.isEqualTo((lines.size() - 1) + " " + (db.count(
						"rejected_input WHERE business_date = '2023-12-01' AND file_name = 'broadcasts.csv'")));
		}
	}

}
