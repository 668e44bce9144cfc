package com.livecommerce.incentive.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.Inbox;
import com.livecommerce.incentive.support.TestDatabase;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunk of rows is staged in one of two ways (StagingWriter): in one load that keeps what is
 * already there and so finds the known keys itself, looking up only the keys it skipped and those
 * of rows that failed a check; or, where a load is not possible, in plain multi-row inserts, which
 * count exactly what they wrote: a statement that meets a key already there (a repeat, a
 * redelivery) fails whole, and it and the rest are written again keeping what is there, every key
 * then looked up after them. And
 * the sessions are read in parts side by side, each part with chunks of its own rows. However the
 * rows are staged, in however many parts and chunks, the same rows must result, row for row and
 * reason for reason, whatever the file holds: ids repeated with other values within a chunk and
 * across chunks (every row of such an id rejected), redeliveries (ignored even when a check would
 * reject them), an exact repeat of an earlier chunk's redelivery (kept once), repeats of a rejected
 * row (each judged on its own, the first kept one standing).
 */
class StagingPathsTest {

	private static final LocalDate DAY = LocalDate.of(2023, 11, 29);

	private static final LocalDate NEXT = DAY.plusDays(1);

	/** Rows of the second day's broadcasts.csv; with chunks of 100 rows, lines 2–101 are the first chunk. */
	private static final int ROWS = 320;

	@TempDir
	Path temp;

	@Test
	void aLoadThatFindsTheKnownKeysItselfEndsAsTheLookupsFirst() {
		Inbox inbox = new Inbox(this.temp.resolve("inbox"));
		inbox.validDay(DAY).validDay(NEXT);
		inbox.write(NEXT, "broadcasts.csv", Inbox.SESSIONS_HEADER, sessions());

		Map<String, List<String>> loaded = run(inbox, true, 2, 100);
		assertThat(run(inbox, false, 1, 100)).as("multi-row inserts (keys looked up where one was there), in one part").isEqualTo(loaded);
		assertThat(run(inbox, true, 3, 80)).as("loaded in three parts, smaller chunks").isEqualTo(loaded);
		String differ = " with different values: every row of it is rejected, since neither can be trusted";
		assertThat(loaded.get("rejected_input")).containsExactly(
				"5 session_id 'N5' is on lines 5, 10, 150" + differ,
				"10 session_id 'N5' is on lines 5, 10, 150" + differ,
				"23 session_id 'N23' is on lines 23, 152" + differ,
				"40 account_id 'A9' is unknown: no accounts.csv up to 2023-11-30 listed it",
				"41 account_id 'A9' is unknown: no accounts.csv up to 2023-11-30 listed it",
				"60 account_id 'A9' is unknown: no accounts.csv up to 2023-11-30 listed it",
				"61 session_id 'N60' is on lines 61, 62" + differ,
				"62 session_id 'N60' is on lines 61, 62" + differ,
				"133 session_id 'N133' is on lines 133, 250" + differ,
				"150 session_id 'N5' is on lines 5, 10, 150" + differ,
				"152 session_id 'N23' is on lines 23, 152" + differ,
				"160 ended_at 2023-12-01T21:00 (Asia/Shanghai) is after the business date 2023-11-30",
				"250 session_id 'N133' is on lines 133, 250" + differ);
		assertThat(loaded.get("ingest_redelivery")).as("line 151 repeats line 30 exactly: kept once")
			.containsExactly("X2023-11-29-1 30 1", "X2023-11-29-2 130 1");
		assertThat(loaded.get("broadcast_session")).contains("2023-11-30 140 N40", "2023-11-29 2 X2023-11-29-1")
			.noneMatch(s -> s.endsWith(" N5") || s.endsWith(" N60") || s.endsWith(" N23") || s.endsWith(" N133"));
		assertThat(loaded.get("broadcast_session").stream().filter(s -> s.startsWith("2023-11-30"))).hasSize(ROWS - 16);
		assertThat(loaded.get("ingest_file")).contains("broadcasts.csv " + ROWS + " 13 2 2");
	}

	/**
	 * Sessions N&lt;line&gt; of A1 and A2, but: line 10 repeats line 5 (the same chunk); line 30
	 * redelivers a session of the day before, now of an account never listed (ignored, not
	 * rejected); line 40 is of that unknown account and line 41 repeats it; line 60 too, but line
	 * 61 repeats it with a known account (kept) and line 62 repeats that; line 130 redelivers
	 * another session, now ending after the business date (ignored). Second chunk: line 140
	 * repeats the rejected line 40 (so it is the first good one); 150 repeats line 5; 151 repeats
	 * the redelivery of line 30; 152 repeats line 23 and ends after the business date (the
	 * duplicate counts first); 160 ends after the business date. Third chunk: 250 repeats line 133.
	 */
	private static String[] sessions() {
		String d = NEXT.toString();
		String late = "2023-12-01T21:00:00+08:00";
		List<String> rows = new ArrayList<>();
		for (int line = 2; line <= ROWS + 1; line++) {
			String id = switch (line) {
				case 10, 150 -> "N5";
				case 30, 151 -> "X2023-11-29-1";
				case 41, 140 -> "N40";
				case 61, 62 -> "N60";
				case 130 -> "X2023-11-29-2";
				case 152 -> "N23";
				case 250 -> "N133";
				default -> "N" + line;
			};
			String account = line == 30 || line == 40 || line == 41 || line == 60 || line == 151 ? "A9"
					: line % 2 == 0 ? "A1" : "A2";
			String end = line == 130 || line == 152 || line == 160 ? late : d + "T21:00:00+08:00";
			rows.add(id + "," + account + "," + d + "T19:00:00+08:00," + end + ",100,1,1,1,1");
		}
		return rows.toArray(String[]::new);
	}

	/**
	 * Runs both days in a database of its own, with or without loads, the sessions in {@code parts}
	 * parts and chunks of {@code chunk} rows; the second day's ingest as rows of text, table by table.
	 */
	private Map<String, List<String>> run(Inbox inbox, boolean loads, int parts, int chunk) {
		try (TestDatabase db = TestDatabase.create()) {
			boolean off = Integer.valueOf(0).equals(db.jdbc().queryForObject("SELECT @@GLOBAL.local_infile", Integer.class));
			if (off && loads) {
				db.jdbc().execute("SET GLOBAL local_infile = 1");
			}
			try {
				Cli cli = new Cli(db, "--incentive.input.max-bad-rows=20", "--incentive.input.chunk-size=" + chunk,
						"--incentive.parallel.parts=" + parts,
						"--incentive.database.load-data-local=" + loads);
				Path out = this.temp.resolve("out-" + loads + "-" + parts + "-" + chunk);
				assertThat(cli.nightly(DAY.toString(), inbox.root(), out, "jobs/policy").exitCode()).isZero();
				long loadsBefore = comLoad(db);
				Cli.Result next = cli.nightly(NEXT.toString(), inbox.root(), out, "jobs/policy");
				assertThat(next.exitCode()).as(next.toString()).isZero();
				long loadsOfTheNight = comLoad(db) - loadsBefore;
				assertThat(loads ? loadsOfTheNight > 0 : loadsOfTheNight == 0)
					.as("LOAD DATA statements of the night, loads %s, %d parts, chunks of %d: %d", loads, parts, chunk,
							loadsOfTheNight)
					.isTrue();
				Map<String, List<String>> tables = new LinkedHashMap<>();
				tables.put("rejected_input", db.jdbc().queryForList("""
						SELECT CONCAT(line_number, ' ', reason) FROM rejected_input
						WHERE business_date = ? AND file_name = 'broadcasts.csv' ORDER BY line_number""", String.class, NEXT));
				tables.put("ingest_redelivery", db.jdbc().queryForList("""
						SELECT CONCAT_WS(' ', session_id, line_number, differs) FROM ingest_redelivery
						WHERE business_date = ? ORDER BY line_number""", String.class, NEXT));
				tables.put("broadcast_session", db.jdbc().queryForList("""
						SELECT CONCAT_WS(' ', business_date, line_number, session_id) FROM broadcast_session
						ORDER BY business_date DESC, line_number""", String.class));
				tables.put("ingest_file", db.jdbc().queryForList("""
						SELECT CONCAT_WS(' ', file_name, rows_read, rows_rejected, rows_redelivered, rows_redelivered_changed)
						FROM ingest_file WHERE business_date = ? ORDER BY file_name""", String.class, NEXT));
				return tables;
			}
			finally {
				if (off && loads) {
					db.jdbc().execute("SET GLOBAL local_infile = 0");
				}
			}
		}
	}

	/** LOAD DATA statements the server has run (tests run one at a time: the night's are the difference). */
	private static long comLoad(TestDatabase db) {
		return db.jdbc().queryForObject("SHOW GLOBAL STATUS LIKE 'Com_load'", (rs, i) -> rs.getLong(2));
	}

}
