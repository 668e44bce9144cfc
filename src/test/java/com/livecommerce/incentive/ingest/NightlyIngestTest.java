package com.livecommerce.incentive.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.Inbox;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nightly job's ingest (SPEC §3), run through the command line on a real database. */
class NightlyIngestTest {

	private static final LocalDate DAY = LocalDate.of(2023, 11, 29);

	private static final LocalDate NEXT = DAY.plusDays(1);

	@TempDir
	Path temp;

	private TestDatabase db;

	private Inbox inbox;

	@BeforeEach
	void setUp() {
		this.db = TestDatabase.create();
		this.inbox = new Inbox(this.temp.resolve("inbox"));
	}

	@AfterEach
	void tearDown() {
		this.db.close();
	}

	@Test
	void validDayIsIngestedAndASecondRunSaysItIsComplete() {
		this.inbox.validDay(DAY);
		Cli.Result first = nightly(DAY);
		assertThat(first.exitCode()).as(first.toString()).isZero();
		assertThat(first.out()).contains("nightly 2023-11-29 completed");
		assertThat(this.db.count("brand")).isEqualTo(2);
		assertThat(this.db.count("account")).isEqualTo(3);
		assertThat(this.db.count("store_risk")).isEqualTo(3);
		assertThat(this.db.count("broadcast_session")).isEqualTo(3);
		assertThat(this.db.count("rejected_input")).isZero();
		assertThat(this.db.jdbc().queryForObject("SELECT brand_name FROM brand WHERE brand_id = 'B2'", String.class))
			.isEqualTo("Brand, Two");
		Map<String, Object> session = this.db.jdbc()
			.queryForMap("SELECT * FROM broadcast_session WHERE session_id = 'X2023-11-29-1'");
		assertThat(session).containsEntry("account_id", "A1")
			.containsEntry("gmv_fen", 1_500_000L)
			.containsEntry("business_date", java.sql.Date.valueOf(DAY))
			.containsEntry("line_number", 2);
		for (String staging : List.of("stg_brand", "stg_account", "stg_store_risk")) {
			assertThat(this.db.count(staging)).as(staging + " is emptied once applied").isZero();
		}
		assertThat(this.db.jdbc().queryForList(
				"SELECT CONCAT_WS(' ', account_id, end_date, business_date, sessions, gmv_fen) FROM account_day_total"
						+ " ORDER BY account_id, end_date", String.class))
			.as("the day's sessions summed per account and day for later baselines")
			.isEqualTo(this.db.jdbc().queryForList("""
					SELECT CONCAT_WS(' ', account_id, end_date, business_date, COUNT(*), SUM(gmv_fen)) FROM broadcast_session
					GROUP BY account_id, end_date, business_date ORDER BY account_id, end_date""", String.class))
			.isNotEmpty();

		Cli.Result again = nightly(DAY);
		assertThat(again.exitCode()).as(again.toString()).isZero();
		assertThat(again.out()).contains("already complete");
		assertThat(this.db.count("broadcast_session")).isEqualTo(3);
	}

	@Test
	void everyKindOfBadRowIsRejectedWithItsLineAndReasonAndTheRestIsIngested() throws IOException {
		this.inbox.validDay(DAY);
		String d = "2023-11-29";
		this.inbox.write(DAY, "broadcasts.csv", Inbox.SESSIONS_HEADER,
				"G1,A1," + d + "T19:00:00+08:00," + d + "T21:00:00+08:00,100,1,1,1,1", // line 2: good
				"N1,A1," + d + "T19:00:00+08:00," + d + "T21:00:00+08:00,-5,1,1,1,1", // 3: negative amount
				"E1,A1," + d + "T21:00:00+08:00," + d + "T19:00:00+08:00,5,1,1,1,1", // 4: ends before it starts
				"F1,A1," + d + "T23:00:00+08:00,2023-11-30T00:10:00+08:00,5,1,1,1,1", // 5: ends after D
				"L1,A1,2023-11-26T19:00:00+08:00,2023-11-26T21:00:00+08:00,5,1,1,1,1", // 6: more than 2 days late
				"U1,A9," + d + "T19:00:00+08:00," + d + "T21:00:00+08:00,5,1,1,1,1", // 7: unknown account
				"G1,A2," + d + "T19:00:00+08:00," + d + "T21:00:00+08:00,5,1,1,1,1", // 8: line 2's id, other values
				"P1,A1,evening," + d + "T21:00:00+08:00,5,1,1,1,1", // 9: unparseable timestamp
				"M1,A1," + d + "T19:00:00+08:00," + d + "T21:00:00+08:00,,1,1,1,1", // 10: missing value
				"C1,A1," + d + "T19:00:00+08:00," + d + "T21:00:00+08:00,5,1,1", // 11: too few fields
				"\"Q,1\",A1," + d + "T19:00:00+08:00,\"" + d + "T21:00:00+08:00\",5,1,1,1,\"7\"", // 12: quoted, good
				"G2,A1,2023-11-27T19:00:00+08:00,2023-11-27T21:00:00+08:00,5,1,1,1,1"); // 13: 2 days late, good
		this.inbox.write(DAY, "accounts.csv", Inbox.ACCOUNTS_HEADER, "A1,B1,S1,,false", "A2,B1,S2,,true",
				"A3,B2,S3,,false", "A4,B7,S4,,false"); // line 5: unknown brand

		Cli.Result result = nightly(DAY);
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(this.db.jdbc().queryForList("SELECT session_id FROM broadcast_session ORDER BY session_id", String.class))
			.as("G1 is on two lines that say different things: neither is trusted")
			.containsExactly("G2", "Q,1");
		List<String> rejects = this.db.jdbc()
			.queryForList("SELECT CONCAT(file_name, ':', line_number, ' ', reason) FROM rejected_input"
					+ " ORDER BY file_name, line_number", String.class);
		assertThat(rejects).hasSize(11);
		assertThat(rejects.get(0)).startsWith("accounts.csv:5 brand_id 'B7' is unknown");
		assertThat(rejects.subList(1, 11)).satisfiesExactly(
				r -> assertThat(r).startsWith("broadcasts.csv:2 session_id 'G1' is on lines 2, 8 with different values"),
				r -> assertThat(r).startsWith("broadcasts.csv:3 gmv_fen is negative"),
				r -> assertThat(r).startsWith("broadcasts.csv:4 ended_at").contains("before started_at"),
				r -> assertThat(r).startsWith("broadcasts.csv:5 ended_at").contains("after the business date"),
				r -> assertThat(r).startsWith("broadcasts.csv:6 ended_at").contains("more than 2 days before"),
				r -> assertThat(r).startsWith("broadcasts.csv:7 account_id 'A9' is unknown"),
				r -> assertThat(r).startsWith("broadcasts.csv:8 session_id 'G1' is on lines 2, 8 with different values"),
				r -> assertThat(r).startsWith("broadcasts.csv:9 started_at 'evening' is not an ISO-8601 timestamp"),
				r -> assertThat(r).startsWith("broadcasts.csv:10 gmv_fen is missing"),
				r -> assertThat(r).startsWith("broadcasts.csv:11 expected 9 fields").contains("found 7"));
		assertThat(this.db.jdbc().queryForObject(
				"SELECT raw_line FROM rejected_input WHERE file_name = 'broadcasts.csv' AND line_number = 3", String.class))
			.isEqualTo("N1,A1," + d + "T19:00:00+08:00," + d + "T21:00:00+08:00,-5,1,1,1,1");

		Path rejectsFile = this.temp.resolve("out/2023-11-29/rejects/broadcasts.csv");
		List<String> lines = Files.readAllLines(rejectsFile, StandardCharsets.UTF_8);
		assertThat(lines.get(0)).isEqualTo("line_number,reason,raw_line");
		assertThat(lines).hasSize(11);
		assertThat(lines.get(2)).startsWith("3,gmv_fen is negative: -5,");
		assertThat(this.temp.resolve("out/2023-11-29/rejects/accounts.csv")).exists();
		assertThat(this.temp.resolve("out/2023-11-29/rejects/brands.csv")).doesNotExist();
		assertThat(this.db.jdbc().queryForObject(
				"SELECT rows_read FROM ingest_file WHERE file_name = 'broadcasts.csv'", Integer.class)).isEqualTo(12);
	}

	@Test
	void moreBadRowsThanBothLimitsFailsTheRunBeforeAnythingIsApplied() {
		this.inbox.validDay(DAY);
		writeSessions(DAY, 1000, 11); // 11 bad rows: more than 10 and more than 1 %
		Cli.Result result = nightly(DAY);
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).contains("input-gate").contains("broadcasts.csv has 11 bad rows of 1000");
		assertThat(this.db.count("account_day_total")).as("no session applied").isZero();
		assertThat(this.db.count("brand")).isZero();
		assertThat(this.db.count("account")).isZero();
		assertThat(this.db.count("pool_balance") + this.db.count("claim") + this.db.count("coupon_grant")).isZero();
		assertThat(this.db.count("rejected_input")).as("the bad rows are still recorded").isEqualTo(11);
		assertThat(this.temp.resolve("out/2023-11-29/rejects/broadcasts.csv")).exists();
	}

	@Test
	void badRowsWithinEitherLimitDoNotFailTheRun() {
		this.inbox.validDay(DAY);
		writeSessions(DAY, 1200, 11); // 11 > 10 rows, but 0.92 % ≤ 1 %
		assertThat(nightly(DAY).exitCode()).isZero();
		assertThat(this.db.count("broadcast_session")).isEqualTo(1189);

		TestDatabase other = TestDatabase.create();
		try (other) {
			Inbox small = new Inbox(this.temp.resolve("small")).validDay(DAY);
			writeSessions(small, DAY, 20, 10); // 50 %, but only 10 rows: not more than 10
			Cli.Result result = new Cli(other).run("nightly", "--date", DAY.toString(), "--inbox",
					small.root().toString(), "--out", this.temp.resolve("out2").toString());
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(other.count("broadcast_session")).isEqualTo(10);
		}
	}

	@Test
	void limitsAreSettings() {
		this.inbox.validDay(DAY);
		writeSessions(DAY, 1200, 11);
		Cli.Result result = new Cli(this.db, "--incentive.input.max-bad-row-percent=0.5").run("nightly", "--date",
				DAY.toString(), "--inbox", this.inbox.root().toString(), "--out", this.temp.resolve("out").toString());
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).contains("0.5 %");
	}

	@Test
	void wrongHeaderFailsTheRunNamingTheFileBeforeAnyRowIsRead() {
		this.inbox.validDay(DAY);
		this.inbox.write(DAY, "violations.csv", "violation_id,account,type,occurred_at,session_id");
		Cli.Result result = nightly(DAY);
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).contains("violations.csv")
			.contains("wrong header")
			.contains("missing columns [account_id]")
			.contains("unknown columns [account]")
			.contains("nightly --date 2023-11-29");
		assertThat(this.db.count("stg_brand") + this.db.count("brand") + this.db.count("broadcast_session")).isZero();
	}

	@Test
	void fileThatIsNotUtf8FailsTheRunNamingFileAndLine() {
		this.inbox.validDay(DAY);
		byte[] latin1 = (Inbox.BRANDS_HEADER + "\nB1,Marque Br\u00fble,BEAUTY,true,\nB2,Two,FOOD,true,\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		this.inbox.writeBytes(DAY, "brands.csv", latin1);
		Cli.Result result = nightly(DAY);
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
		assertThat(result.err()).contains("brands.csv").contains("not valid UTF-8 on line 2");
		assertThat(this.db.count("brand")).isZero();
	}

	@Test
	void byteOrderMarkAndCrlfAreAccepted() {
		this.inbox.validDay(DAY);
		String text = "\uFEFF" + Inbox.BRANDS_HEADER + "\r\nB1,One,BEAUTY,true,2023-11-01\r\nB2,Two,FOOD,true,\r\n";
		this.inbox.writeBytes(DAY, "brands.csv", text.getBytes(StandardCharsets.UTF_8));
		assertThat(nightly(DAY).exitCode()).isZero();
		assertThat(this.db.jdbc().queryForList("SELECT brand_id FROM brand ORDER BY brand_id", String.class))
			.containsExactly("B1", "B2");
	}

	@Test
	void timestampsAreConvertedToShanghaiBeforeTheDateIsTaken() {
		this.inbox.validDay(NEXT);
		// 16:30Z on the 29th is 00:30 on the 30th in Shanghai: a session of business date 30th.
		this.inbox.write(NEXT, "broadcasts.csv", Inbox.SESSIONS_HEADER,
				"Z1,A1,2023-11-29T14:00:00Z,2023-11-29T16:30:00Z,100,1,1,1,1",
				"Z2,A1,2023-11-30T08:00:00-05:00,2023-11-30T10:00:00-05:00,100,1,1,1,1"); // 21:00-23:00 Shanghai
		assertThat(nightly(NEXT).exitCode()).isZero();
		assertThat(this.db.jdbc().queryForList(
				"SELECT CONCAT(session_id, ' ', ended_at, ' ', end_date) FROM broadcast_session ORDER BY session_id",
				String.class))
			.containsExactly("Z1 2023-11-30 00:30:00.000000 2023-11-30", "Z2 2023-11-30 23:00:00.000000 2023-11-30");
	}

	/**
	 * A session ingested before and delivered again is ignored: the first delivery stays, because
	 * earlier nights decided on it. One that now says something else (hostile case 13) is flagged,
	 * counted and named in the run's last lines; one delivered exactly again is only counted.
	 */
	@Test
	void redeliveredSessionsAreIgnoredAndCountedAndAChangedOneIsFlagged() {
		this.inbox.validDay(DAY).validDay(NEXT);
		this.inbox.write(NEXT, "broadcasts.csv", Inbox.SESSIONS_HEADER,
				"X2023-11-29-1,A1,2023-11-29T19:00:00+08:00,2023-11-29T21:00:00+08:00,999,1,1,1,1",
				"X2023-11-29-2,A2,2023-11-29T10:00:00+08:00,2023-11-29T12:00:00+08:00,200000,5,300,900,2",
				"N2,A1,2023-11-30T19:00:00+08:00,2023-11-30T21:00:00+08:00,100,1,1,1,1");
		assertThat(nightly(DAY).exitCode()).isZero();
		Cli.Result result = nightly(NEXT);
		assertThat(result.exitCode()).as(result.toString()).isZero();
		assertThat(this.db.jdbc().queryForMap(
				"SELECT gmv_fen, business_date FROM broadcast_session WHERE session_id = 'X2023-11-29-1'"))
			.containsEntry("gmv_fen", 1_500_000L)
			.containsEntry("business_date", java.sql.Date.valueOf(DAY));
		assertThat(this.db.jdbc().queryForMap(
				"SELECT rows_read, rows_rejected, rows_redelivered, rows_redelivered_changed FROM ingest_file"
						+ " WHERE business_date = '2023-11-30' AND file_name = 'broadcasts.csv'"))
			.containsEntry("rows_read", 3)
			.containsEntry("rows_rejected", 0)
			.containsEntry("rows_redelivered", 2)
			.containsEntry("rows_redelivered_changed", 1);
		assertThat(this.db.jdbc().queryForList(
				"SELECT CONCAT(session_id, ' ', differs) FROM ingest_redelivery ORDER BY session_id", String.class))
			.containsExactly("X2023-11-29-1 1", "X2023-11-29-2 0");
		assertThat(result.out()).contains("redelivered sessions that differ from their first delivery: 1");
		assertThat(this.db.count("rejected_input")).isZero();
		assertThat(this.db.count("broadcast_session")).isEqualTo(4);
	}

	@Test
	void aRedeliveryOutsideTheLateWindowOrOfAnAccountNoLongerListedIsStillOnlyCounted() {
		LocalDate third = NEXT.plusDays(1);
		LocalDate fourth = NEXT.plusDays(2);
		this.inbox.validDay(DAY).validDay(NEXT).validDay(third).validDay(fourth);
		// on 12-02 upstream resends a session of 11-29 (outside the 2-day window), and A1 has left the snapshot
		this.inbox.write(fourth, "accounts.csv", Inbox.ACCOUNTS_HEADER, "A2,B1,S2,,true", "A3,B2,S3,,false");
		this.inbox.write(fourth, "broadcasts.csv", Inbox.SESSIONS_HEADER,
				"X2023-11-29-1,A1,2023-11-29T19:00:00+08:00,2023-11-29T21:00:00+08:00,1500000,30,1000,5000,20",
				"OLD,A2,2023-11-29T19:00:00+08:00,2023-11-29T21:00:00+08:00,100,1,1,1,1");
		for (LocalDate day : List.of(DAY, NEXT, third, fourth)) {
			assertThat(nightly(day).exitCode()).as(day.toString()).isZero();
		}
		assertThat(this.db.jdbc().queryForMap("SELECT rows_rejected, rows_redelivered FROM ingest_file"
				+ " WHERE business_date = '2023-12-02' AND file_name = 'broadcasts.csv'"))
			.containsEntry("rows_rejected", 1)
			.containsEntry("rows_redelivered", 1);
		assertThat(this.db.jdbc().queryForObject("SELECT reason FROM rejected_input WHERE business_date = '2023-12-02'",
				String.class)).as("a new session that old is still a bad row").contains("more than 2 days before");
	}

	@Test
	void snapshotsAreUpsertedAndAStoreAbsentFromTheFileKeepsItsLastValues() {
		this.inbox.validDay(DAY).validDay(NEXT);
		this.inbox.write(NEXT, "brands.csv", Inbox.BRANDS_HEADER, "B1,Brand One Renamed,BEAUTY,false,2023-11-01",
				"B2,Two,FOOD,true,");
		this.inbox.write(NEXT, "accounts.csv", Inbox.ACCOUNTS_HEADER, "A1,B1,S9,,true", "A3,B2,S3,,false");
		this.inbox.write(NEXT, "store_risk.csv", Inbox.STORES_HEADER, "S1,CLOSED,0.5,70");
		this.inbox.write(NEXT, "broadcasts.csv", Inbox.SESSIONS_HEADER);
		assertThat(nightly(DAY).exitCode()).isZero();
		assertThat(nightly(NEXT).exitCode()).isZero();
		assertThat(this.db.jdbc().queryForMap("SELECT brand_name, has_brand_badge, snapshot_date FROM brand WHERE brand_id = 'B1'"))
			.containsEntry("brand_name", "Brand One Renamed")
			.containsEntry("has_brand_badge", false)
			.containsEntry("snapshot_date", java.sql.Date.valueOf(NEXT));
		assertThat(this.db.jdbc().queryForMap("SELECT store_id, cold_start_used, snapshot_date FROM account WHERE account_id = 'A1'"))
			.containsEntry("store_id", "S9")
			.containsEntry("cold_start_used", true);
		assertThat(this.db.jdbc().queryForObject("SELECT snapshot_date FROM account WHERE account_id = 'A2'",
				java.sql.Date.class)).as("absent from the later snapshot: last row kept").isEqualTo(java.sql.Date.valueOf(DAY));
		assertThat(this.db.jdbc().queryForMap("SELECT store_status, refund_rate, as_of_date FROM store_risk WHERE store_id = 'S1'"))
			.containsEntry("store_status", "CLOSED")
			.containsEntry("as_of_date", java.sql.Date.valueOf(NEXT));
		assertThat(this.db.jdbc().queryForMap("SELECT store_status, refund_rate, as_of_date FROM store_risk WHERE store_id = 'S2'"))
			.containsEntry("store_status", "OPEN")
			.containsEntry("as_of_date", java.sql.Date.valueOf(DAY));
		assertThat(this.db.count("broadcast_session")).as("sessions are history").isEqualTo(3);
	}

	@Test
	void aDateMayOnlyRunAfterThePreviousDateHasCompleted() {
		this.inbox.validDay(DAY).validDay(NEXT).validDay(NEXT.plusDays(1));
		assertThat(nightly(NEXT).exitCode()).as("the first run ever may take any date").isZero();
		Cli.Result gap = nightly(NEXT.plusDays(2));
		assertThat(gap.exitCode()).isEqualTo(3); // no inbox for it
		this.inbox.validDay(NEXT.plusDays(2));
		Cli.Result outOfOrder = nightly(NEXT.plusDays(2));
		assertThat(outOfOrder.exitCode()).as(outOfOrder.toString()).isEqualTo(4);
		assertThat(outOfOrder.err()).contains("2023-12-01 has not completed");
		assertThat(nightly(DAY).exitCode()).as("an earlier date whose previous day never ran").isEqualTo(4);
		assertThat(nightly(NEXT.plusDays(1)).exitCode()).isZero();
		assertThat(nightly(NEXT.plusDays(2)).exitCode()).isZero();
	}

	private Cli.Result nightly(LocalDate date) {
		return new Cli(this.db).nightly(date.toString(), this.inbox.root(), this.temp.resolve("out"), "jobs/policy");
	}

	private void writeSessions(LocalDate date, int rows, int bad) {
		writeSessions(this.inbox, date, rows, bad);
	}

	/** {@code rows} sessions of A1, the first {@code bad} of them with a negative GMV. */
	static void writeSessions(Inbox inbox, LocalDate date, int rows, int bad) {
		String[] lines = new String[rows];
		for (int i = 0; i < rows; i++) {
			lines[i] = "S" + i + ",A1," + date + "T19:00:00+08:00," + date + "T21:00:00+08:00," + (i < bad ? -1 : 100)
					+ ",1,1,1,1";
		}
		inbox.write(date, "broadcasts.csv", Inbox.SESSIONS_HEADER, lines);
	}

}
