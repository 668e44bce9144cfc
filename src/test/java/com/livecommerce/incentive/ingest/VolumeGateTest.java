package com.livecommerce.incentive.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.Inbox;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-quality gate on volumes: a file far below the median of its last nights looks like a
 * partial delivery; the run fails at the input gate with nothing applied, and an operator who
 * knows the day is real accepts it for that run, which the run records.
 */
class VolumeGateTest {

	private static final LocalDate FIRST = LocalDate.of(2023, 11, 29);

	@TempDir
	Path temp;

	private TestDatabase db;

	private Inbox inbox;

	private Cli cli;

	@BeforeEach
	void setUp() {
		this.db = TestDatabase.create();
		this.inbox = new Inbox(this.temp.resolve("inbox"));
		// three earlier nights switch the check on here (the default is seven), on files of any size
		this.cli = new Cli(this.db, "--incentive.input.volume.min-nights=3", "--incentive.input.volume.min-median-rows=1");
	}

	@AfterEach
	void tearDown() {
		this.db.close();
	}

	@Test
	void aFileFarBelowItsMedianFailsTheRunUntilTheOperatorAcceptsTheDay() throws IOException {
		for (int i = 0; i <= 4; i++) {
			this.inbox.validDay(FIRST.plusDays(i)); // three sessions a night
		}
		// the second night has no sessions at all: with one earlier night the check is still off
		this.inbox.write(FIRST.plusDays(1), "broadcasts.csv", Inbox.SESSIONS_HEADER);
		for (int i = 0; i <= 3; i++) {
			Cli.Result night = nightly(FIRST.plusDays(i));
			assertThat(night.exitCode()).as(night.toString()).isZero();
		}
		assertThat(this.db.jdbc().queryForObject("""
				SELECT trailing_median_rows FROM ingest_file WHERE business_date = '2023-12-02'
				AND file_name = 'broadcasts.csv'""", Long.class)).as("3, 0, 3: the median is 3").isEqualTo(3L);

		// the fifth night: one session where the last nights had 3, 0, 3 and 3 (median 3, at least 1.5 expected)
		LocalDate day = FIRST.plusDays(4);
		this.inbox.write(day, "broadcasts.csv", Inbox.SESSIONS_HEADER,
				"S-ONLY,A1,2023-12-03T19:00:00+08:00,2023-12-03T21:00:00+08:00,1500000,30,1000,5000,20");
		Cli.Result refused = nightly(day);
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
		assertThat(refused.err()).contains("FAILED in step input-gate")
			.contains("broadcasts.csv has 1 rows, fewer than 50 % of 3, the median of its last 4 nights")
			.contains("nightly --date 2023-12-03 --accept-low-volume broadcasts.csv")
			.contains("nothing was applied");
		assertThat(this.db.jdbc().queryForObject(
				"SELECT COUNT(*) FROM ingest_file WHERE business_date = ? AND state = 'APPLIED'", Long.class, day))
			.as("nothing of the day was applied").isZero();
		assertThat(this.db.jdbc().queryForObject("SELECT COUNT(*) FROM daily_summary WHERE business_date = ?", Long.class,
				day)).isZero();
		assertThat(nightly(day).exitCode()).as("the same command alone still refuses it").isEqualTo(1);

		Cli.Result unknown = this.cli.run("nightly", "--date", day.toString(), "--inbox", this.inbox.root().toString(),
				"--out", out(), "--policy", Cli.EXAMPLE_POLICY, "--accept-low-volume", "sessions.csv");
		assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
		assertThat(unknown.err()).contains("--accept-low-volume sessions.csv: not an extract");

		Cli.Result accepted = this.cli.run("nightly", "--date", day.toString(), "--inbox", this.inbox.root().toString(),
				"--out", out(), "--policy", Cli.EXAMPLE_POLICY, "--accept-low-volume", "broadcasts.csv");
		assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
		assertThat(accepted.out())
			.contains("low volume accepted by the operator: broadcasts.csv with 1 rows, the median of its last nights 3");
		assertThat(this.db.jdbc().queryForList("""
				SELECT CONCAT(file_name, ' ', trailing_median_rows, ' ', low_volume_accepted) FROM ingest_file
				WHERE business_date = ? AND file_name IN ('broadcasts.csv', 'accounts.csv') ORDER BY file_name""",
				String.class, day)).containsExactly("accounts.csv 3 0", "broadcasts.csv 3 1");
		assertThat(this.db.count("broadcast_session")).isEqualTo(3 + 0 + 3 + 3 + 1);
		String report = Files.readString(this.temp.resolve("out").resolve(day.toString()).resolve("run-report.txt"));
		assertThat(report).contains("acceptLowVolume").contains("broadcasts.csv");
		String json = Files.readString(this.temp.resolve("out").resolve(day.toString()).resolve("run-report.json"));
		assertThat(json).contains("\"acceptLowVolume\" : \"broadcasts.csv\"");
	}

	@Test
	void snapshotsAreCheckedTooAndTheDefaultsWaitForSevenNightsAndAHundredRows() {
		Cli defaults = new Cli(this.db, "--incentive.input.volume.min-median-rows=1");
		for (int i = 0; i < 8; i++) {
			this.inbox.validDay(FIRST.plusDays(i));
		}
		// on the eighth night (seven earlier ones) the store risk snapshot has one store of three
		LocalDate eighth = FIRST.plusDays(7);
		this.inbox.write(eighth, "store_risk.csv", Inbox.STORES_HEADER, "S1,OPEN,0.01,0");
		// and on the seventh, with six earlier nights, the same would still pass
		this.inbox.write(FIRST.plusDays(6), "store_risk.csv", Inbox.STORES_HEADER, "S1,OPEN,0.01,0");
		for (int i = 0; i < 7; i++) {
			Cli.Result night = defaults.nightly(FIRST.plusDays(i).toString(), this.inbox.root(), out(),
					Cli.EXAMPLE_POLICY);
			assertThat(night.exitCode()).as(night.toString()).isZero();
		}
		Cli.Result refused = defaults.nightly(eighth.toString(), this.inbox.root(), out(), Cli.EXAMPLE_POLICY);
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
		assertThat(refused.err()).contains("store_risk.csv has 1 rows, fewer than 80 % of 3, the median of its last 7"
				+ " nights");
		assertThat(List.of(refused.err())).noneMatch(e -> e.contains("broadcasts.csv has"));

		// with the default floor, a median of 3 rows is too small to judge: the same night runs
		Cli.Result small = new Cli(this.db).nightly(eighth.toString(), this.inbox.root(), out(), Cli.EXAMPLE_POLICY);
		assertThat(small.exitCode()).as(small.toString()).isZero();
	}

	private Cli.Result nightly(LocalDate day) {
		return this.cli.nightly(day.toString(), this.inbox.root(), out(), Cli.EXAMPLE_POLICY);
	}

	private String out() {
		return this.temp.resolve("out").toString();
	}

}
