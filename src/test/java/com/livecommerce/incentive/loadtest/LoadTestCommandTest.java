package com.livecommerce.incentive.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load test (jobs/bin/load-test), small: it loads the history, runs the night before, the quiet
 * day and the day of store changes, prints both measured nights' steps side by side and checks
 * the invariants of SPEC §6 over the month; the day of changes has the status changes and
 * clawbacks the quiet day does not. (Measuring is the command's job, not this test's.)
 */
class LoadTestCommandTest {

	@TempDir
	Path temp;

	@Test
	void aSmallLoadTestRunsThreeNightsAndChecksTheInvariants() {
		try (TestDatabase db = TestDatabase.create()) {
			Cli.Result result = loadTest(db, "--sessions", "3000", "--history-days", "2",
					"--store-changes", "20", "--dir", this.temp.toString());
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.out()).contains("loaded 6,000 history sessions (2 days from 2023-11-29)")
				.contains("night 2023-12-01 (the night before, not measured): OK")
				.contains("night 2023-12-02 (quiet day): OK")
				.contains("night 2023-12-03 (20 % of stores change risk state): OK")
				.contains("invariants of SPEC §6 over the pools and grants of 2023-12: all hold")
				.containsPattern("ingest-broadcasts +[0-9.]+ +3,000 +[0-9.]+ +3,000")
				.contains("peak heap over the measured nights")
				.containsPattern("server settled: .* in [0-9.]+ s, flushing at up to [0-9]+ pages a second");
			long quiet = figure(result.out(), "status changes", 1);
			long changed = figure(result.out(), "status changes", 2);
			assertThat(changed).as("a fifth of the stores changing state changes many more statuses")
				.isGreaterThan(quiet + 50);
			assertThat(figure(result.out(), "clawbacks", 2)).isGreaterThan(figure(result.out(), "clawbacks", 1));
			assertThat(result.out()).containsPattern("server settings: buffer pool [0-9,]+ MB, redo log [0-9,]+ MB,"
					+ " innodb_flush_log_at_trx_commit [0-9], doublewrite (ON|OFF)")
				.containsPattern("night 2023-12-02 \\(quiet day\\): OK, [0-9.]+ s wall, .*[0-9,]+ MB of redo written");
			Matcher redo = Pattern.compile("(?m)^redo written \\(MB\\) +([0-9.,]+) +([0-9.,]+)\\s*$").matcher(result.out());
			assertThat(redo.find()).as(result.out()).isTrue();
			assertThat(Double.parseDouble(redo.group(1).replace(",", ""))).as("a night that stores sessions writes redo")
				.isPositive();
			assertThat(Double.parseDouble(redo.group(2).replace(",", ""))).isPositive();

			Matcher heap = Pattern.compile("peak heap over the measured nights: ([0-9,]+) MB in use at once \\(max ([0-9,]+) MB\\)")
				.matcher(result.out());
			assertThat(heap.find()).as(result.out()).isTrue();
			assertThat(Long.parseLong(heap.group(1).replace(",", ""))).as("the heap in use at one moment, within its limit")
				.isPositive()
				.isLessThanOrEqualTo(Long.parseLong(heap.group(2).replace(",", "")));

			// a part's name is longer than its step's: the figures still stand under their night
			String header = line(result.out(), "step ");
			String part = line(result.out(), "notify-session-rewards-part:part0 ");
			Matcher seconds = Pattern.compile("^\\S+ +([0-9.]+)").matcher(part);
			assertThat(seconds.find()).as(part).isTrue();
			assertThat(seconds.end(1)).as(header + "\n" + part).isEqualTo(header.indexOf("2023-12-02") + "2023-12-02".length());
		}
	}

	/**
	 * The hand-written SQL pipeline runs on the same inboxes in a schema of its own and is printed
	 * beside the job; doing the same cold start and growth rules, it makes the claims the job makes,
	 * one message each, and grants no more than the caps. Where the server has local_infile off it is
	 * not run, and says why.
	 */
	@Test
	void theHandWrittenPipelineRunsOnTheSameInboxes() {
		try (TestDatabase db = TestDatabase.create()) {
			String pipelineSchema = db.name() + "_sqlpipe";
			try {
				Cli.Result result = loadTest(db, "--sessions", "3000", "--history-days", "2", "--store-changes", "0",
						"--sql-pipeline", "--dir", this.temp.toString());
				assertThat(result.exitCode()).as(result.toString()).isZero();
				if (Integer.valueOf(0).equals(db.jdbc().queryForObject("SELECT @@GLOBAL.local_infile", Integer.class))) {
					assertThat(result.out()).contains("hand-written SQL pipeline: not run: the server has local_infile OFF");
					return;
				}
				assertThat(result.out()).contains("hand-written SQL pipeline (loadtest/SqlPipeline, schema " + pipelineSchema
						+ "; 6,000 history sessions copied)")
					.containsPattern("2023-12-01 \\(the night before, not measured\\): [0-9.]+ s; [0-9,]+ claims")
					.containsPattern("2023-12-02 \\(quiet day\\): [0-9.]+ s; [0-9,]+ claims, [0-9,]+ coupons granted,"
							+ " [0-9,]+ messages of [0-9.]+ MB \\(the job's: [0-9.]+ MB\\); the nightly job took [0-9.]+ s:"
							+ " [0-9.]+ × the pipeline");
				for (String day : new String[] { "2023-12-01", "2023-12-02" }) {
					String claims = "SELECT program, COUNT(*) FROM %s WHERE business_date = ? AND program IN ('COLD_START', 'GROWTH')"
							+ " GROUP BY program ORDER BY program";
					assertThat(db.jdbc().queryForList(String.format(claims, pipelineSchema + ".p_claim"), day))
						.as("the pipeline's claims of %s are the job's", day)
						.isNotEmpty()
						.isEqualTo(db.jdbc().queryForList(String.format(claims, "claim"), day));
					assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM " + pipelineSchema
							+ ".p_notification WHERE business_date = ?", Long.class, day))
						.isEqualTo(db.jdbc().queryForObject("SELECT COUNT(*) FROM " + pipelineSchema
								+ ".p_claim WHERE business_date = ?", Long.class, day));
				}
				assertThat(db.jdbc().queryForList("SELECT program FROM " + pipelineSchema + ".p_claim GROUP BY program"
						+ " HAVING SUM(granted) > CASE program WHEN 'COLD_START' THEN 2000 ELSE 20000 END", String.class))
					.as("the month's caps hold").isEmpty();
			}
			finally {
				db.jdbc().execute("DROP DATABASE IF EXISTS " + pipelineSchema);
			}
		}
	}

	private static String line(String out, String prefix) {
		return out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(prefix + " in\n" + out));
	}

	/**
	 * As cron starts it: the measured night runs in a JVM of its own (the night before in this
	 * one), with its steps, figures and peaks read from that JVM; the invariants are checked here.
	 */
	@Test
	void aMeasuredNightRunsInAJvmOfItsOwn() throws Exception {
		try (TestDatabase db = TestDatabase.create()) {
			Cli.Result result = loadTest(db, "--sessions", "2000", "--history-days", "0",
					"--store-changes", "0", "--fresh-jvm", "--dir", this.temp.toString());
			assertThat(result.exitCode()).as(result.toString()).isZero();
			assertThat(result.out()).contains("night 2023-12-01 (the night before, not measured): OK")
				.containsPattern("night 2023-12-02 \\(quiet day\\): OK, [0-9.]+ s wall in a JVM of its own")
				.contains("nightly 2023-12-02 completed")
				.containsPattern("ingest-broadcasts +[0-9.]+ +2,000")
				.contains("invariants of SPEC §6 over the pools and grants of 2023-12: all hold")
				.containsPattern("each in a JVM of its own: [0-9,]+ MB before its largest collection \\(max [0-9,]+ MB\\);"
						+ " peak process memory \\(VmHWM\\): [0-9,]+ kB");
			assertThat(figure(result.out(), "messages", 1)).isPositive();
			assertThat(Files.readString(this.temp.resolve("logs/night-2023-12-02.gc.log"))).contains("Using G1");
			assertThat(db.jdbc().queryForList("SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID", String.class))
				.containsExactly("COMPLETED", "COMPLETED");
		}
	}

	@Test
	void aDatabaseThatHasRunsIsRefused() {
		try (TestDatabase db = TestDatabase.create()) {
			Cli cli = new Cli(db);
			assertThat(cli.exampleNight("2023-11-29", this.temp.resolve("out")).exitCode()).isZero();
			Cli.Result result = loadTest(db, "--sessions", "100", "--history-days", "0", "--dir",
					this.temp.resolve("bench").toString());
			assertThat(result.exitCode()).isEqualTo(2);
			assertThat(result.err()).contains("the load test needs an empty database");
		}
	}

	/** The {@code n}-th figure (1-based) of the table line {@code label}. */
	private static long figure(String out, String label, int n) {
		Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + "((?: +[0-9,]+)+)\\s*$").matcher(out);
		assertThat(m.find()).as("a line '%s' in\n%s", label, out).isTrue();
		String[] figures = m.group(1).trim().split(" +");
		return Long.parseLong(figures[n - 1].replace(",", ""));
	}

	/** {@code load-test ARGS} against the test's database, as jobs/bin/load-test runs it. */
	private static Cli.Result loadTest(TestDatabase db, String... args) {
		java.io.StringWriter out = new java.io.StringWriter();
		java.io.StringWriter err = new java.io.StringWriter();
		int code = LoadTestCommand.run(new com.livecommerce.incentive.cli.Main(db.springArguments(), Cli.CLOCK),
				new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), args);
		return new Cli.Result(code, out.toString(), err.toString());
	}

}
