package com.livecommerce.incentive.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.ExamplePolicy;
import com.livecommerce.incentive.support.Migrations;
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
 * The platform may end a version early, cancel it from a date or extend it (SPEC §2.1, seed
 * §5.2.2 修改、限期或取消): the effective_to of a used version may move to any date not before the
 * last business date a run has taken under it. Every job and {@code policy check} accept the move
 * and say AMENDED; the first job to start under it records it in policy_version_change. Before
 * issue 33 a used version could never change, so a successor before 12-28 stopped every job with
 * exit 2.
 */
class PolicyAmendmentTest {

	private static final String PUBLISHED = ExamplePolicy.PUBLISHED;

	@TempDir
	Path temp;

	/** The published version ended on {@code end}, and a successor from the day after without cold start. */
	private Path endedEarly(String name, String end) throws IOException {
		Path dir = ExamplePolicy.endingOn(this.temp, name, end);
		String from = java.time.LocalDate.parse(end).plusDays(1).toString();
		Files.writeString(dir.resolve("successor.yaml"), publishedFrom(from)
			.replace("    monthly_cap: 450\n", "    monthly_cap: 600\n")
			.replaceAll("(?s)  COLD_START:.*?  GROWTH:", "  GROWTH:"));
		return dir;
	}

	/** The published version's text as a version of its own named and starting {@code from}. */
	private static String publishedFrom(String from) {
		return PUBLISHED.replace("version: \"2023-11-29\"", "version: \"" + from + "\"")
			.replace("effective_from: 2023-11-29", "effective_from: " + from);
	}

	@Test
	void aUsedVersionEndedEarlyIsAcceptedRecordedAndHandedOn() throws IOException {
		Path out = this.temp.resolve("out");
		try (TestDatabase db = TestDatabase.create()) {
			Cli cli = new Cli(db);
			Cli.Result nights = cli.run("nightly", "--from", "2023-11-29", "--to", "2023-12-01", "--inbox", Cli.EXAMPLE_INBOX,
					"--out", out.toString(), "--policy", Cli.EXAMPLE_POLICY);
			assertThat(nights.exitCode()).as(nights.toString()).isZero();

			// ending it before a date already run under it: refused, naming that date
			Path tooEarly = endedEarly("too-early", "2023-11-30");
			Map<String, List<String>> before = TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES);
			Cli.Result refused = cli.nightly("2023-12-02", Cli.EXAMPLE_INBOX, out, tooEarly);
			assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
			assertThat(refused.err()).contains("moves effective_to to 2023-11-30, before 2023-12-01, a date already run"
					+ " under it");
			Cli.Result checkedTooEarly = cli.run("policy", "check", "--policy", tooEarly.toString());
			assertThat(checkedTooEarly.exitCode()).as("policy check agrees with the jobs").isEqualTo(2);
			assertThat(TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES)).as("nothing was written").isEqualTo(before);

			Path amended = endedEarly("amended", "2023-12-01");
			Cli.Result check = cli.run("policy", "check", "--policy", amended.toString());
			assertThat(check.exitCode()).as(check.toString()).isZero();
			assertThat(check.out()).contains("AMENDED (used from 2023-11-29)", "2023-12-01 (was 2023-12-28)",
					"AMENDED: version \"2023-11-29\" ends early, on 2023-12-01 instead of 2023-12-28; nights run under it:"
							+ " 2023-11-29 to 2023-12-01; version \"2023-12-02\" follows from 2023-12-02");
			assertThat(check.out().lines().filter(l -> l.startsWith("nights run under it")).findFirst().orElseThrow())
				.matches("nights run under it\\s+2023-11-29 to 2023-12-01\\s+-");
			assertThat(check.out().lines().filter(l -> l.startsWith("GROWTH monthly_cap")).findFirst().orElseThrow())
				.as("what the successor changes, side by side")
				.matches("GROWTH monthly_cap\\s+450\\s+600 \\*");
			assertThat(db.count("policy_version_change")).as("policy check reads only").isZero();

			// the monthly job is the first to start under it: it accepts the move and records it
			Cli.Result month = cli.run("monthly", "--month", "2023-11", "--out", out.toString(), "--policy", amended.toString());
			assertThat(month.exitCode()).as(month.toString()).isZero();
			assertThat(month.out()).contains("AMENDED: policy version \"2023-11-29\" now ends on 2023-12-01 (was 2023-12-28)");
			assertThat(db.jdbc().queryForMap("""
					SELECT version, change_no, old_effective_to, new_effective_to, last_run_under, changed_on,
					  recorded_by FROM policy_version_change""").toString())
				.as("in force from the night after the last one taken")
				.isEqualTo("{version=2023-11-29, change_no=1, old_effective_to=2023-12-28, new_effective_to=2023-12-01,"
						+ " last_run_under=2023-12-01, changed_on=2023-12-02, recorded_by=monthly 2023-11}");
			assertThat(db.jdbc().queryForObject("SELECT effective_to FROM policy_version WHERE version = '2023-11-29'",
					String.class)).isEqualTo("2023-12-01");
			assertThat(db.jdbc().queryForObject("SELECT content FROM policy_version WHERE version = '2023-11-29'",
					String.class)).as("the text of the first use stays").isEqualTo(PUBLISHED);

			Cli.Result handedOn = cli.nightly("2023-12-02", Cli.EXAMPLE_INBOX, out, amended);
			assertThat(handedOn.exitCode()).as(handedOn.toString()).isZero();
			assertThat(handedOn.out()).as("recorded once").doesNotContain("AMENDED");
			assertThat(db.count("policy_version_change")).isEqualTo(1);
			assertThat(db.jdbc().queryForList("SELECT DISTINCT policy_version FROM coupon_grant"
					+ " WHERE business_date = '2023-12-02'", String.class)).containsExactly("2023-12-02");
			assertThat(db.count("coupon_grant WHERE business_date = '2023-12-02' AND program = 'COLD_START'"))
				.as("the successor has no cold start").isZero();
			assertThat(db.jdbc().queryForObject("""
					SELECT monthly_cap FROM pool_balance WHERE pool_month = '2023-12' AND program = 'COLD_START'""",
					Integer.class)).as("a program absent from the version in force counts as cap 0").isZero();
			assertThat(db.jdbc().queryForObject("""
					SELECT monthly_cap FROM daily_summary WHERE business_date = '2023-12-02' AND program = 'COLD_START'""",
					Integer.class)).isZero();
			// issue 33 point 6: the column says what the code writes (0, never null)
			assertThat(db.jdbc().queryForMap("""
					SELECT is_nullable AS is_nullable, column_comment AS column_comment FROM information_schema.columns
					WHERE table_schema = DATABASE() AND table_name = 'daily_summary' AND column_name = 'monthly_cap'"""))
				.containsEntry("is_nullable", "NO")
				.hasEntrySatisfying("column_comment", c -> assertThat((String) c).contains("0 when that version leaves the"
						+ " program out").doesNotContain("null"));

			Cli.Result after = cli.run("policy", "check", "--policy", amended.toString());
			assertThat(after.exitCode()).isZero();
			assertThat(after.out()).contains("AMENDED, recorded (used from 2023-11-29)",
					"2023-12-01 (moved from 2023-12-28, in force from 2023-12-02)", "UNCHANGED (used from 2023-12-02)");

			// any other change of the used version still stops every job
			Files.writeString(amended.resolve("2023-11-29.yaml"), Files.readString(amended.resolve("2023-11-29.yaml"))
				.replace("face_value_fen: 10000", "face_value_fen: 20000"));
			Cli.Result edited = cli.nightly("2023-12-03", Cli.EXAMPLE_INBOX, out, amended);
			assertThat(edited.exitCode()).as(edited.toString()).isEqualTo(2);
			assertThat(edited.err()).contains("coupon.face_value_fen: recorded 10000, file 20000");
		}
	}

	@Test
	void aVersionIsExtendedOnlyOverDatesNoNightHasTaken() throws IOException {
		Path out = this.temp.resolve("out");
		try (TestDatabase db = TestDatabase.create()) {
			Cli cli = new Cli(db);
			Path policy = Files.createDirectories(this.temp.resolve("policy"));
			Path file = policy.resolve("v.yaml");
			Files.writeString(file, PUBLISHED.replace("effective_to: 2023-12-28", "effective_to: 2023-11-30"));
			assertThat(cli.run("nightly", "--from", "2023-11-29", "--to", "2023-11-30", "--inbox", Cli.EXAMPLE_INBOX,
					"--out", out.toString(), "--policy", policy.toString()).exitCode()).isZero();

			// extended before the night after its end: accepted, recorded by that night
			Files.writeString(file, PUBLISHED.replace("effective_to: 2023-12-28", "effective_to: 2023-12-01"));
			Cli.Result extended = cli.nightly("2023-12-01", Cli.EXAMPLE_INBOX, out, policy);
			assertThat(extended.exitCode()).as(extended.toString()).isZero();
			assertThat(extended.out()).contains("AMENDED: policy version \"2023-11-29\" now ends on 2023-12-01 (was 2023-11-30)");
			assertThat(db.jdbc().queryForObject("SELECT DISTINCT policy_version FROM coupon_grant WHERE business_date ="
					+ " '2023-12-01'", String.class)).isEqualTo("2023-11-29");
			assertThat(db.jdbc().queryForObject("""
					SELECT CONCAT(changed_on, ' ', recorded_by) FROM policy_version_change""",
					String.class)).isEqualTo("2023-12-01 nightly 2023-12-01");

			// 12-02 runs under no version; extending over it afterwards would rewrite what governed it: refused
			assertThat(cli.nightly("2023-12-02", Cli.EXAMPLE_INBOX, out, policy).exitCode()).isZero();
			Files.writeString(file, PUBLISHED);
			Cli.Result over = cli.nightly("2023-12-03", Cli.EXAMPLE_INBOX, out, policy);
			assertThat(over.exitCode()).as(over.toString()).isEqualTo(2);
			assertThat(over.err()).contains("extends it to 2023-12-28, over 2023-12-02, a date a nightly run has already"
					+ " taken (completed, failed or running) under another version or none");
			// and so would a new version that starts on it
			Files.writeString(file, PUBLISHED.replace("effective_to: 2023-12-28", "effective_to: 2023-12-01"));
			Files.writeString(policy.resolve("w.yaml"), PUBLISHED.replace("version: \"2023-11-29\"", "version: \"late\"")
				.replace("effective_from: 2023-11-29", "effective_from: 2023-12-02"));
			Cli.Result late = cli.nightly("2023-12-03", Cli.EXAMPLE_INBOX, out, policy);
			assertThat(late.exitCode()).as(late.toString()).isEqualTo(2);
			assertThat(late.err()).contains("new version \"late\" (2023-12-02 to 2023-12-28) covers 2023-12-02");
		}
	}

	/**
	 * A night that failed keeps the version it started under, none here: a version given to its date
	 * afterwards, new or extended, is refused (exit 2, nothing written), as for a completed night.
	 * Before, both were accepted because the night had not completed; its restart went on from where
	 * it failed with the day decided under no version, the new version was never recorded, and every
	 * later job stopped with exit 2 on it (found by a review, 2026-12-07).
	 */
	@Test
	void aFailedNightKeepsTheVersionItStartedUnder() throws IOException {
		Path out = this.temp.resolve("out");
		try (TestDatabase db = TestDatabase.create()) {
			Cli cli = new Cli(db);
			Path policy = ExamplePolicy.endingOn(this.temp, "policy", "2023-11-30");
			Path file = policy.resolve("2023-11-29.yaml");
			assertThat(cli.run("nightly", "--from", "2023-11-29", "--to", "2023-11-30", "--inbox", Cli.EXAMPLE_INBOX,
					"--out", out.toString(), "--policy", policy.toString()).exitCode()).isZero();
			// 12-01, under no version, fails in its last steps: the disk is full when the batch file is written
			Path full = Files.createDirectories(out.resolve("2023-12-01"))
				.resolve(".notifications-nightly-2023-12-01.jsonl.tmp");
			Files.createSymbolicLink(full, Path.of("/dev/full"));
			Cli.Result failed = cli.nightly("2023-12-01", Cli.EXAMPLE_INBOX, out, policy);
			assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
			Files.delete(full);
			Map<String, List<String>> before = TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES);

			Path successor = policy.resolve("successor.yaml");
			Files.writeString(successor, publishedFrom("2023-12-01"));
			Cli.Result newVersion = cli.nightly("2023-12-01", Cli.EXAMPLE_INBOX, out, policy);
			assertThat(newVersion.exitCode()).as(newVersion.toString()).isEqualTo(2);
			assertThat(newVersion.err()).contains("new version \"2023-12-01\" (2023-12-01 to 2023-12-28) covers 2023-12-01,"
					+ " a date a nightly run has already taken (completed, failed or running) under another version or none",
					"restart nightly --date D");
			Cli.Result checked = cli.run("policy", "check", "--policy", policy.toString());
			assertThat(checked.exitCode()).as("policy check agrees with the jobs").isEqualTo(2);
			Files.delete(successor);

			Files.writeString(file, PUBLISHED);
			Cli.Result extended = cli.run("restart", "nightly", "--date", "2023-12-01");
			assertThat(extended.exitCode()).as(extended.toString()).isEqualTo(2);
			assertThat(extended.err()).contains("extends it to 2023-12-28, over 2023-12-01, a date a nightly run has"
					+ " already taken");
			assertThat(TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES)).as("nothing was written").isEqualTo(before);

			// restarted as it started, the day stays without a version; a successor starts the day after
			Files.writeString(file, PUBLISHED.replace("effective_to: 2023-12-28", "effective_to: 2023-11-30"));
			Cli.Result restarted = cli.run("restart", "nightly", "--date", "2023-12-01");
			assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
			assertThat(db.count("coupon_grant WHERE business_date = '2023-12-01'")).isZero();
			Files.writeString(successor, publishedFrom("2023-12-02"));
			Cli.Result next = cli.nightly("2023-12-02", Cli.EXAMPLE_INBOX, out, policy);
			assertThat(next.exitCode()).as(next.toString()).isZero();
			assertThat(db.jdbc().queryForList("SELECT DISTINCT policy_version FROM coupon_grant"
					+ " WHERE business_date = '2023-12-02'", String.class)).containsExactly("2023-12-02");
			assertThat(db.jdbc().queryForList("SELECT CONCAT(version, ' ', first_used_on) FROM policy_version"
					+ " ORDER BY version", String.class)).containsExactly("2023-11-29 2023-11-29", "2023-12-02 2023-12-02");
		}
	}

}
