package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.ingest.InputFile;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A hand-made allocation scenario under {@code src/test/resources/scenarios/<name>/}:
 * <ul>
 * <li>{@code README.md}: the story and the outcomes worked out by hand;</li>
 * <li>{@code policy/}: its policy versions (default: jobs/policy); {@code <yyyy-MM-dd>/policy/}: the
 * directory as a policy owner changed it before that day's run, used from that day on;</li>
 * <li>{@code history.csv} (optional): sessions earlier runs stored (session_id, account_id,
 * started_at, ended_at, gmv_fen, business_date), for growth baselines;</li>
 * <li>{@code <yyyy-MM-dd>/*.csv}: each day's inbox, only the files that matter: a snapshot file
 * left out repeats the previous day's, other files left out are empty;</li>
 * <li>{@code <yyyy-MM-dd>/before.sql} (optional): statements run before that day's run, for
 * what happens between nights (a month closed by the monthly job);</li>
 * <li>{@code expected_<table>.csv}: every row the table must hold, in the columns named by its
 * header (the rest are not compared); lines starting with # explain them;</li>
 * <li>{@code expected_runs.csv} (optional): business_date, exit_code, message: the exit code of
 * that day's run and a text its output must contain (several rows per day: each text). Without
 * it every day must exit 0; the days after one that did not are still run.</li>
 * </ul>
 */
public final class Scenario {

	public static final Path ROOT = Path.of("src/test/resources/scenarios");

	static final List<InputFile> SNAPSHOTS = List.of(InputFile.BRANDS, InputFile.ACCOUNTS, InputFile.STORE_RISK,
			InputFile.BENCHMARK_EVENTS);

	private final Path dir;

	public Scenario(Path dir) {
		this.dir = dir;
	}

	static List<Scenario> all() throws IOException {
		try (Stream<Path> dirs = Files.list(ROOT)) {
			return dirs.filter(Files::isDirectory).sorted().map(Scenario::new).toList();
		}
	}

	String name() {
		return this.dir.getFileName().toString();
	}

	public List<LocalDate> days() throws IOException {
		try (Stream<Path> list = Files.list(this.dir)) {
			return list.map(p -> p.getFileName().toString())
				.filter(n -> n.matches("\\d{4}-\\d{2}-\\d{2}"))
				.sorted()
				.map(LocalDate::parse)
				.toList();
		}
	}

	Path policy() {
		return Files.isDirectory(this.dir.resolve("policy")) ? this.dir.resolve("policy") : Path.of("jobs/policy");
	}

	/** The policy directory of {@code day}: the latest change on or before it, else {@link #policy()}. */
	Path policy(LocalDate day) throws IOException {
		Path current = policy();
		for (LocalDate d : days()) {
			if (!d.isAfter(day) && Files.isDirectory(this.dir.resolve(d.toString()).resolve("policy"))) {
				current = this.dir.resolve(d.toString()).resolve("policy");
			}
		}
		return current;
	}

	/** Writes the complete inbox (every file of every day, and _SUCCESS) under {@code inbox}. */
	public Path completeInbox(Path inbox) throws IOException {
		LocalDate previous = null;
		for (LocalDate day : days()) {
			Path target = Files.createDirectories(inbox.resolve(day.toString()));
			for (InputFile file : InputFile.values()) {
				Path given = this.dir.resolve(day.toString()).resolve(file.fileName());
				if (Files.exists(given)) {
					Files.copy(given, target.resolve(file.fileName()));
				}
				else if (SNAPSHOTS.contains(file) && previous != null) {
					Files.copy(inbox.resolve(previous.toString()).resolve(file.fileName()), target.resolve(file.fileName()));
				}
				else if (file.required()) {
					Files.writeString(target.resolve(file.fileName()), String.join(",", file.columns()) + "\n");
				}
			}
			Files.write(target.resolve(InputFile.SUCCESS_MARKER), new byte[0]);
			previous = day;
		}
		return inbox;
	}

	/**
	 * Runs every day in order; returns the results. Each day's exit code and output must be the
	 * ones {@code expected_runs.csv} names (0 where it names none).
	 */
	public List<Cli.Result> run(TestDatabase db, Path work) throws IOException {
		loadHistory(db);
		Path inbox = completeInbox(work.resolve("inbox"));
		List<Cli.Result> results = new ArrayList<>();
		for (LocalDate day : days()) {
			Path before = this.dir.resolve(day.toString()).resolve("before.sql");
			if (Files.exists(before)) { // what happens between runs, e.g. the monthly job closing a month
				for (String statement : Files.readString(before).split(";")) {
					if (!statement.isBlank()) {
						db.jdbc().execute(statement);
					}
				}
			}
			Cli.Result result = new Cli(db).run("nightly", "--date", day.toString(), "--inbox", inbox.toString(), "--out",
					work.resolve("out").toString(), "--policy", policy(day).toString());
			results.add(result);
			List<CSVRecord> expectedRuns = expectedRuns(day);
			int expectedExit = expectedRuns.isEmpty() ? 0 : Integer.parseInt(expectedRuns.get(0).get("exit_code"));
			if (result.exitCode() != expectedExit) {
				throw new AssertionError(name() + " " + day + ": expected exit " + expectedExit + ", got " + result);
			}
			for (CSVRecord r : expectedRuns) {
				if (!(result.out() + result.err()).contains(r.get("message"))) {
					throw new AssertionError(name() + " " + day + ": the output does not say \"" + r.get("message")
							+ "\": " + result);
				}
			}
		}
		return results;
	}

	private List<CSVRecord> expectedRuns(LocalDate day) throws IOException {
		Path file = this.dir.resolve("expected_runs.csv");
		if (!Files.exists(file)) {
			return List.of();
		}
		return records(file).stream().filter(r -> r.get("business_date").equals(day.toString())).toList();
	}

	private void loadHistory(TestDatabase db) throws IOException {
		Path history = this.dir.resolve("history.csv");
		if (!Files.exists(history)) {
			return;
		}
		for (CSVRecord r : records(history)) {
			db.jdbc().update("""
					INSERT INTO broadcast_session (session_id, account_id, started_at, ended_at, end_date, gmv_fen,
					  order_count, viewer_count, watch_minutes, new_followers, business_date, line_number)
					VALUES (?, ?, ?, ?, DATE(?), ?, 0, 0, 0, 0, ?, 0)""", r.get("session_id"), r.get("account_id"),
					shanghai(r.get("started_at")), shanghai(r.get("ended_at")), shanghai(r.get("ended_at")),
					Long.parseLong(r.get("gmv_fen")), LocalDate.parse(r.get("business_date")));
		}
		// as the apply step of each of those runs did
		for (LocalDate run : db.jdbc().queryForList(
				"SELECT DISTINCT business_date FROM broadcast_session ORDER BY business_date", LocalDate.class)) {
			db.jdbc().update(com.livecommerce.incentive.ingest.BroadcastsExtract.SUM_ACCOUNT_DAYS, run);
			db.jdbc().update(com.livecommerce.incentive.ingest.BroadcastsExtract.LAST_BROADCASTS, run);
		}
	}

	private static java.time.LocalDateTime shanghai(String timestamp) {
		return com.livecommerce.incentive.common.BusinessTime.toBusinessTime(java.time.OffsetDateTime.parse(timestamp));
	}

	/** Tables with an {@code expected_<table>.csv}: all their rows are compared. */
	List<String> expectedTables() throws IOException {
		try (Stream<Path> list = Files.list(this.dir)) {
			return list.map(p -> p.getFileName().toString())
				.filter(n -> n.startsWith("expected_") && n.endsWith(".csv") && !n.equals("expected_runs.csv"))
				.map(n -> n.substring("expected_".length(), n.length() - ".csv".length()))
				.sorted()
				.toList();
		}
	}

	/** The expected rows of a table (comments dropped), in the columns its header names. */
	Expected expected(String table) throws IOException {
		Path file = this.dir.resolve("expected_" + table + ".csv");
		try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, EXPECTED)) {
			return new Expected(parser.getHeaderNames(), parser.getRecords());
		}
	}

	record Expected(List<String> columns, List<CSVRecord> rows) {
	}

	private static final CSVFormat EXPECTED = CSVFormat.RFC4180.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setCommentMarker('#')
		.setIgnoreEmptyLines(true)
		.setIgnoreSurroundingSpaces(true)
		.get();

	static List<CSVRecord> records(Path file) throws IOException {
		try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, EXPECTED)) {
			return parser.getRecords();
		}
	}

	@Override
	public String toString() {
		return name();
	}

}
