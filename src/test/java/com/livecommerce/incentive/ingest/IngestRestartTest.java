package com.livecommerce.incentive.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.common.HashPartitions;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.Inbox;
import com.livecommerce.incentive.support.Migrations;
import com.livecommerce.incentive.support.TableDump;
import com.livecommerce.incentive.support.TestDatabase;
import com.livecommerce.incentive.support.Triggers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run that fails part-way and is run again ends with exactly the rows of a run that never
 * failed. Failures are injected with database triggers, so the code under test is unchanged.
 */
class IngestRestartTest {

	private static final LocalDate DAY = LocalDate.of(2023, 11, 29);

	private static final Path EXAMPLE_INBOX = Path.of("jobs/examples/inbox");

	@TempDir
	Path temp;

	private TestDatabase clean;

	private TestDatabase faulty;

	@BeforeEach
	void setUp() {
		this.clean = TestDatabase.create();
		this.faulty = TestDatabase.create();
	}

	@AfterEach
	void tearDown() {
		this.clean.close();
		this.faulty.close();
	}

	/**
	 * In one part: the chunks before the failing one stay, and the restart reads the rest. In two:
	 * the other part reads all its rows, the failing one stays at its last committed chunk, and the
	 * restart reads that part's rest only.
	 */
	@ParameterizedTest
	@ValueSource(ints = { 1, 2 })
	void failureInTheMiddleOfIngestThenRestartResumesAndEndsLikeACleanRun(int parts) throws IOException {
		assertThat(nightly(this.clean, EXAMPLE_INBOX, "clean", parts).exitCode()).isZero();

		Triggers.failInsert(this.faulty, "fail_midway", "broadcast_session", "NEW.session_id = 'S1129-0160'",
				"injected failure");
		Cli.Result failed = nightly(this.faulty, EXAMPLE_INBOX, "faulty", parts);
		assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
		assertThat(failed.err()).contains("FAILED in step ingest-broadcasts").contains("injected failure");
		long committedRows = this.faulty.count("broadcast_session") + this.faulty.jdbc().queryForObject(
				"SELECT COUNT(*) FROM rejected_input WHERE file_name = 'broadcasts.csv'", Long.class);
		long expected = committedBefore("S1129-0160", parts);
		if (parts == 1) {
			assertThat(expected).as("one part: the three chunks of 50 before the failing row").isEqualTo(150);
		}
		assertThat(committedRows).as("the chunks before the failing one stay committed").isEqualTo(expected);
		assertThat(this.faulty.count("account_day_total")).as("nothing applied before the gate").isZero();

		Triggers.drop(this.faulty, "fail_midway");
		Cli.Result restarted = nightly(this.faulty, EXAMPLE_INBOX, "faulty", parts);
		assertThat(restarted.exitCode()).as(restarted.toString()).isZero();

		Long readOnRestart = this.faulty.jdbc().queryForObject("""
				SELECT s.READ_COUNT FROM BATCH_STEP_EXECUTION s
				WHERE s.STEP_NAME = 'ingest-broadcasts' ORDER BY s.STEP_EXECUTION_ID DESC LIMIT 1""", Long.class);
		assertThat(readOnRestart).as("the restart resumed after the last committed chunk").isEqualTo(312 - committedRows);
		assertSameOutputs();
	}

	@Test
	void failureWhileApplyingLeavesNothingHalfAppliedAndARestartCompletes() throws IOException {
		assertThat(nightly(this.clean, EXAMPLE_INBOX, "clean").exitCode()).isZero();

		Triggers.failInsert(this.faulty, "fail_apply", "account_day_total", "NEW.account_id = 'ACC-097'",
				"injected failure while applying");
		Cli.Result failed = nightly(this.faulty, EXAMPLE_INBOX, "faulty");
		assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
		assertThat(failed.err()).contains("apply-input");
		assertThat(this.faulty.count("brand")).as("brands were merged before sessions, in the same transaction").isZero();
		assertThat(this.faulty.count("account_day_total")).isZero();

		Triggers.drop(this.faulty, "fail_apply");
		assertThat(nightly(this.faulty, EXAMPLE_INBOX, "faulty").exitCode()).isZero();
		assertSameOutputs();
	}

	@Test
	void aFixedFileDeliveredAfterTheGateRefusedTheFirstIsStagedAgainOnRestart() throws IOException {
		Inbox broken = new Inbox(this.temp.resolve("broken")).validDay(DAY);
		NightlyIngestTest.writeSessions(broken, DAY, 100, 30);
		Cli.Result refused = nightly(this.faulty, broken.root(), "faulty");
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
		assertThat(this.faulty.count("rejected_input")).isEqualTo(30);

		NightlyIngestTest.writeSessions(broken, DAY, 100, 0); // upstream redelivers a fixed file
		Cli.Result restarted = nightly(this.faulty, broken.root(), "faulty");
		assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
		assertThat(this.faulty.count("broadcast_session")).isEqualTo(100);
		assertThat(this.faulty.count("rejected_input")).isZero();
		assertThat(this.temp.resolve("faulty/2023-11-29/rejects/broadcasts.csv")).doesNotExist();

		Inbox fixed = new Inbox(this.temp.resolve("fixed")).validDay(DAY);
		NightlyIngestTest.writeSessions(fixed, DAY, 100, 0);
		assertThat(nightly(this.clean, fixed.root(), "clean").exitCode()).isZero();
		assertThat(dump(this.faulty)).isEqualTo(dump(this.clean));
	}

	private void assertSameOutputs() throws IOException {
		assertThat(dump(this.faulty)).isEqualTo(dump(this.clean));
		for (String file : List.of("broadcasts.csv")) {
			assertThat(Files.readString(this.temp.resolve("faulty/2023-11-29/rejects/" + file)))
				.isEqualTo(Files.readString(this.temp.resolve("clean/2023-11-29/rejects/" + file)));
		}
	}

	private static Map<String, List<String>> dump(TestDatabase db) {
		return TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES);
	}

	private Cli.Result nightly(TestDatabase db, Path inbox, String out) {
		return nightly(db, inbox, out, 2);
	}

	private Cli.Result nightly(TestDatabase db, Path inbox, String out, int parts) {
		return new Cli(db, "--incentive.input.chunk-size=50", "--incentive.parallel.parts=" + parts)
			.nightly(DAY.toString(), inbox, this.temp.resolve(out), "jobs/policy");
	}

	/**
	 * The example day's session rows committed when the one of {@code failing} fails in chunks of
	 * 50: all rows of the other parts, and the whole chunks of its own part before it.
	 */
	private static long committedBefore(String failing, int parts) throws IOException {
		List<String> ids = new java.util.ArrayList<>();
		try (org.apache.commons.csv.CSVParser csv = org.apache.commons.csv.CSVParser.builder()
			.setReader(Files.newBufferedReader(EXAMPLE_INBOX.resolve("2023-11-29/broadcasts.csv")))
			.setFormat(org.apache.commons.csv.CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get())
			.get()) {
			int column = -1;
			for (org.apache.commons.csv.CSVRecord record : csv) {
				if (column < 0) {
					column = record.toList().indexOf("session_id");
				}
				else {
					ids.add(column < record.size() ? record.get(column) : "");
				}
			}
		}
		int failingPart = HashPartitions.partOf(failing, parts);
		long own = ids.subList(0, ids.indexOf(failing)).stream().filter(id -> HashPartitions.partOf(id, parts) == failingPart).count();
		long others = ids.stream().filter(id -> HashPartitions.partOf(id, parts) != failingPart).count();
		return own / 50 * 50 + others;
	}

}
