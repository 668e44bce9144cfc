package com.livecommerce.incentive.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.Migrations;
import com.livecommerce.incentive.support.OutputFiles;
import com.livecommerce.incentive.support.TableDump;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile input corpus (src/test/resources/hostile/, one file per case, named
 * {@code <case>.<extract file>}): each replaces that extract in a copy of the first example day.
 * Every case has a clear result: accepted with named rejects (exit 0), or the run fails naming the
 * file and the problem (exit 1) with nothing applied, and then, the file fixed, the same command
 * ends exactly like a clean run.
 */
class HostileInputTest {

	private static final Path CORPUS = Path.of("src/test/resources/hostile");

	private static final Path EXAMPLE_DAY = Path.of("jobs/examples/inbox/2023-11-29");

	private static final String DAY = "2023-11-29";

	/** A corpus file's {@code {{10MB}}} becomes ten million characters when the case runs. */
	private static final Map<String, Integer> EXPANSIONS = Map.of("{{10MB}}", 10_000_000, "{{17MB}}", 17_000_000);

	@TempDir
	static Path temp;

	private static Map<String, List<String>> clean;

	/** The output tables after one clean run of the example day: what a fixed file must lead to. */
	@BeforeAll
	static void cleanRun() throws IOException {
		try (TestDatabase db = TestDatabase.create()) {
			Path inbox = OutputFiles.copy(EXAMPLE_DAY, temp.resolve("clean-inbox").resolve(DAY)).getParent();
			Cli.Result run = nightly(db, inbox, temp.resolve("clean-out"));
			assertThat(run.exitCode()).as(run.toString()).isZero();
			clean = TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES);
		}
	}

	/** Cases that are accepted: the rows that can be read are, the others are rejected by line. */
	record Accepted(String corpusFile, int rejected, List<String> rejectsSay, String check, Object checkEquals,
			List<String> sameAsClean) {

		Accepted(String corpusFile, int rejected, List<String> rejectsSay, String check, Object checkEquals) {
			this(corpusFile, rejected, rejectsSay, check, checkEquals, List.of());
		}

	}

	/** Cases that fail the run before anything is applied. */
	record Fails(String corpusFile, List<String> errorSays) {
	}

	@TestFactory
	Stream<DynamicTest> accepted() {
		return Stream.of(
				new Accepted("bom-crlf.broadcasts.csv", 2, List.of("gmv_fen"),
						"SELECT COUNT(*) FROM broadcast_session WHERE session_id LIKE 'S1129-%'", 310L,
						List.of("broadcast_session", "rejected_input", "coupon_grant", "notification", "pool_balance")),
				new Accepted("quoted.brands.csv", 2,
						List.of("15,\"expected 5 fields as in the header, found 2\"", "16,has_brand_badge 'maybe'"),
						"SELECT brand_name FROM brand WHERE brand_id = 'BR-QUOTED-2'", "Two\nLines\r\nand a CRLF"),
				new Accepted("long-line.broadcasts.csv", 3,
						List.of("7,session_id is longer than 64 characters,S-LONG-xxx", "x [cut: 10000083 characters in all]"),
						"SELECT MAX(CHAR_LENGTH(raw_line)) FROM rejected_input",
						(long) (65536 + " [cut: 10000083 characters in all]".length())),
				new Accepted("huge-numbers.broadcasts.csv", 8,
						List.of("gmv_fen 99999999999999999999999 is above the limit", "gmv_fen is negative: -500",
								"gmv_fen 9223372036854775808 is above the limit", "gmv_fen '1e9'", "order_count is negative: -1", "gmv_fen '0x10'"),
						"SELECT COUNT(*) FROM broadcast_session WHERE session_id LIKE 'S-HUGE-%'", 0L),
				new Accepted("dates.broadcasts.csv", 8,
						List.of("started_at '2023-02-30T10:00:00+08:00'", "started_at '99999-11-29T10:00:00+08:00'",
								"started_at '2023-11-29T25:00:00+08:00'", "started_at 0000-01-01 is outside 2000-01-01 to 2099-12-31",
								"started_at '2023-11-29T10:00:00+99:00'", "started_at '2023-11-29'"),
						"SELECT COUNT(*) FROM broadcast_session WHERE session_id LIKE 'S-DATE-%'", 0L),
				new Accepted("sql.brands.csv", 0, List.of(),
						"SELECT GROUP_CONCAT(brand_name ORDER BY brand_id SEPARATOR ' | ') FROM brand WHERE brand_id LIKE 'BR-SQL-%'",
						"Robert'); DROP TABLE brand;-- | ' OR '1'='1 | x\\\\'; SELECT SLEEP(10); --  | Ünïcödé 品牌 \uD83D\uDE00 ✓"),
				new Accepted("formulas.accounts.csv", 4,
						List.of("\"\"\"=HYPERLINK(", "'+ACC-PLUS", "'-ACC-MINUS", "'@SUM(1+1)"),
						"SELECT COUNT(*) FROM account WHERE account_id REGEXP '^[-=+@]'", 0L),
				// hostile case 6: per-row limits, so that no sum can overflow
				new Accepted("per-row-limits.broadcasts.csv", 7,
						List.of("gmv_fen 9223372036854775807 is above the limit of 10000000000000",
								"gmv_fen 10000000000001 is above the limit of 10000000000000",
								"order_count 1000000001 is above the limit of 1000000000",
								"watch_minutes 10000000000001 is above the limit of 10000000000000"),
						"SELECT COUNT(*) FROM broadcast_session WHERE session_id LIKE 'S-LIMIT-%'", 2L),
				// hostile case 8: only ASCII digits are numbers
				new Accepted("unicode-digits.broadcasts.csv", 7,
						List.of("gmv_fen '２４０４９００' is not a whole number (ASCII digits 0-9 only)",
								"order_count '٢٤٠' is not a whole number", "viewer_count '१२३' is not a whole number",
								"gmv_fen '+100' is not a whole number", "new_followers '𝟗' is not a whole number"),
						"SELECT COUNT(*) FROM broadcast_session WHERE session_id LIKE 'S-DIGIT-%'", 0L),
				// hostile case 9: a last broadcast after the business date is not a fact about the past
				new Accepted("last-broadcast-after-day.accounts.csv", 1,
						List.of("2,last_broadcast_ended_at 2023-11-30T10:00 (Asia/Shanghai) is after the business date 2023-11-29"),
						"SELECT GROUP_CONCAT(account_id) FROM account WHERE account_id IN ('ACC-FIRST-1', 'ACC-LASTNIGHT')",
						"ACC-LASTNIGHT"),
				// hostile case 10: control and bidi characters never reach a table, let alone a message
				new Accepted("control-and-bidi.brands.csv", 7,
						List.of("brand_name 'Red ?[31mBrand' has a control character (U+001B)",
								"brand_name 'Bell? Brand' has a control character (U+0007)",
								"brand_name 'Nul?Brand' has a control character (U+0000)",
								"brand_name 'Brand ?gnp.exe' has a bidirectional control character (U+202E)",
								"brand_name 'Brand?Next' has a control character (U+0085)",
								"brand_id 'BR-?CTL-ID' has a control or formatting character (U+202E)",
								"brand_id 'BR-CTL-ZW?' has a control or formatting character (U+200B)"),
						"SELECT GROUP_CONCAT(brand_name) FROM brand WHERE brand_id LIKE 'BR-%CTL-%'",
						"Family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 Shop, 山野\tTab"),
				new Accepted("control-chars.broadcasts.csv", 5,
						List.of("session_id 'S-CTRL-1?' has a control or formatting character (U+0000)",
								"session_id ' S-CTRL-2' has surrounding spaces", "account_id 'ACC-FIRST-1?[31m'"),
						"SELECT COUNT(*) FROM broadcast_session WHERE session_id LIKE '%CTRL%'", 0L))
			.map(c -> DynamicTest.dynamicTest(c.corpusFile(), () -> accept(c)));
	}

	@TestFactory
	Stream<DynamicTest> failing() {
		return Stream.of(new Fails("invalid-utf8.accounts.csv", List.of("accounts.csv", "not valid UTF-8 on line 4")),
				new Fails("endless-line.broadcasts.csv",
						List.of("broadcasts.csv", "line 7 is longer than 16777216 characters")),
				new Fails("too-many-bad.broadcasts.csv", List.of("broadcasts.csv", "14 bad rows of 324", "more than both 10 rows and 1 %", "nothing was applied")),
				new Fails("wrong-header.broadcasts.csv",
						List.of("broadcasts.csv", "wrong header", "missing columns [gmv_fen]", "unknown columns [gmv_yuan, extra]")),
				new Fails("empty.broadcasts.csv", List.of("broadcasts.csv", "the file is empty: no header row")),
				// hostile case 13: a trailing comma in the header is named as such
				new Fails("trailing-comma.broadcasts.csv",
						List.of("broadcasts.csv", "wrong header", "column 10 of the header has no name (a trailing comma?)")))
			.map(c -> DynamicTest.dynamicTest(c.corpusFile(), () -> fail(c)));
	}

	/** One case's night: the example day with the corpus file in place of its extract. */
	record CaseRun(String target, Path inbox, Path out, Cli.Result result) {

		static CaseRun of(TestDatabase db, String corpusFile) throws IOException {
			String name = corpusFile.substring(0, corpusFile.indexOf('.'));
			Path inbox = withCorpusFile(temp.resolve(name + "-inbox"), corpusFile);
			Path out = temp.resolve(name + "-out");
			return new CaseRun(corpusFile.substring(name.length() + 1), inbox, out, nightly(db, inbox, out));
		}

	}

	private void accept(Accepted c) throws IOException {
		try (TestDatabase db = TestDatabase.create()) {
			CaseRun caseRun = CaseRun.of(db, c.corpusFile());
			String target = caseRun.target();
			Path out = caseRun.out();
			Cli.Result run = caseRun.result();
			assertThat(run.exitCode()).as(run.toString()).isZero();
			assertThat(db.jdbc().queryForObject("SELECT COUNT(*) FROM rejected_input WHERE file_name = ?", Long.class,
					target)).as("rejected rows of " + target).isEqualTo((long) c.rejected());
			if (c.rejected() > 0) {
				String rejects = Files.readString(out.resolve(DAY).resolve("rejects").resolve(target));
				assertThat(rejects).startsWith("line_number,reason,raw_line");
				for (String says : c.rejectsSay()) {
					assertThat(rejects).as("the rejects file says").contains(says);
				}
				try (CSVParser cells = CSVParser.parse(rejects, CSVFormat.RFC4180)) {
					for (CSVRecord record : cells) {
						for (String cell : record) {
							assertThat(cell).as("no cell a spreadsheet would run as a formula")
								.doesNotStartWith("=")
								.doesNotStartWith("+")
								.doesNotStartWith("-")
								.doesNotStartWith("@");
						}
					}
				}
			}
			assertThat(db.jdbc().queryForObject(c.check(), Object.class)).as(c.check()).isEqualTo(c.checkEquals());
			assertThat(db.count("coupon_grant")).as("the day was applied").isPositive();
			Map<String, List<String>> tables = TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES);
			for (String table : c.sameAsClean()) {
				assertThat(tables.get(table)).as(table + " as after the clean run").isEqualTo(clean.get(table));
			}
			assertThat(db.jdbc().queryForList("SHOW TABLES", String.class)).as("every table still there")
				.contains("brand", "account", "coupon_grant");
		}
	}

	private void fail(Fails c) throws IOException {
		try (TestDatabase db = TestDatabase.create()) {
			CaseRun caseRun = CaseRun.of(db, c.corpusFile());
			String target = caseRun.target();
			Path inbox = caseRun.inbox();
			Path out = caseRun.out();
			Cli.Result run = caseRun.result();
			assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
			for (String says : c.errorSays()) {
				assertThat(run.err()).as("the error names the file and the problem").contains(says);
			}
			// (the sessions staged for the date sit in broadcast_session until the gate; nothing reads them
			// before apply-input sums them into account_day_total)
			for (String table : List.of("brand", "account", "store_risk", "violation", "benchmark_event", "coupon_usage",
					"account_day_total", "claim_baseline", "coupon_grant", "pool_balance", "claim", "notification",
					"notification_batch", "account_status", "coupon_clawback", "coupon_expiry", "daily_summary",
					"benchmark_event_outcome")) {
				assertThat(db.count(table)).as("nothing applied: " + table).isZero();
			}
			// the file fixed (upstream redelivers it), the same command resumes and ends like a clean run
			Files.copy(EXAMPLE_DAY.resolve(target), inbox.resolve(DAY).resolve(target),
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			Cli.Result again = nightly(db, inbox, out);
			assertThat(again.exitCode()).as(again.toString()).isZero();
			assertThat(TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES)).isEqualTo(clean);
		}
	}

	private static Cli.Result nightly(TestDatabase db, Path inbox, Path out) {
		return new Cli(db).nightly(DAY, inbox, out, Cli.EXAMPLE_POLICY);
	}

	/** The example day with one extract replaced by the corpus file (its tokens expanded). */
	private static Path withCorpusFile(Path inbox, String corpusFile) throws IOException {
		OutputFiles.copy(EXAMPLE_DAY, inbox.resolve(DAY));
		String target = corpusFile.substring(corpusFile.indexOf('.') + 1);
		byte[] bytes = Files.readAllBytes(CORPUS.resolve(corpusFile));
		String text = new String(bytes, StandardCharsets.ISO_8859_1); // byte for byte, whatever the encoding
		Path file = inbox.resolve(DAY).resolve(target);
		try (OutputStream out = Files.newOutputStream(file)) {
			int from = 0;
			while (true) {
				int next = -1;
				String token = null;
				for (String t : EXPANSIONS.keySet()) {
					int at = text.indexOf(t, from);
					if (at >= 0 && (next < 0 || at < next)) {
						next = at;
						token = t;
					}
				}
				if (next < 0) {
					out.write(text.substring(from).getBytes(StandardCharsets.ISO_8859_1));
					break;
				}
				out.write(text.substring(from, next).getBytes(StandardCharsets.ISO_8859_1));
				byte[] chunk = "x".repeat(1_000_000).getBytes(StandardCharsets.US_ASCII);
				for (int i = 0; i < EXPANSIONS.get(token) / chunk.length; i++) {
					out.write(chunk);
				}
				from = next + token.length();
			}
		}
		return inbox;
	}

}
