package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.runs.NightlyRun;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ids a file holds more than once (SPEC §3), decided once the whole file has been staged:
 * an exact repeat (the same values, as parsed) is kept once; rows of one id that say different
 * things are all rejected, the staged first row included, since neither can be trusted (a session
 * once with 9,000,000 fen and once with 100 earns nothing). The staging writer noted every later
 * row in ingest_repeat; the file is read once more, for the noted lines and their first lines
 * only, and only when there are any. Run in one transaction; running it again changes nothing.
 */
final class RepeatedIds<T> {

	private static final Logger log = LoggerFactory.getLogger(RepeatedIds.class);

	private final Extract<T> extract;

	private final NightlyRun run;

	private final JdbcTemplate jdbc;

	RepeatedIds(Extract<T> extract, NightlyRun run, JdbcTemplate jdbc) {
		this.extract = extract;
		this.run = run;
		this.jdbc = jdbc;
	}

	private record Noted(String key, long firstLine, long line) {
	}

	/** Decides the noted rows; returns how many were exact repeats, kept once (counted among the rows read). */
	int decide() {
		LocalDate date = this.run.businessDate();
		String fileName = this.extract.file().fileName();
		List<Noted> noted = this.jdbc.query("""
				SELECT key_value, first_line, line_number FROM ingest_repeat WHERE business_date = ? AND file_name = ?
				ORDER BY first_line, line_number""",
				(rs, i) -> new Noted(rs.getString(1), rs.getLong(2), rs.getLong(3)), date, fileName);
		if (noted.isEmpty()) {
			return 0;
		}
		Set<Long> lines = new TreeSet<>();
		noted.forEach(n -> {
			lines.add(n.firstLine());
			lines.add(n.line());
		});
		Map<Long, ParsedRow<T>> rows = read(lines);
		Map<String, List<Long>> linesOfKey = new LinkedHashMap<>();
		noted.forEach(n -> {
			List<Long> ofKey = linesOfKey.computeIfAbsent(n.key(), k -> new ArrayList<>(List.of(n.firstLine())));
			ofKey.add(n.line());
		});
		List<Object[]> rejects = new ArrayList<>();
		int repeats = 0;
		int conflicting = 0;
		for (Map.Entry<String, List<Long>> entry : linesOfKey.entrySet()) {
			List<Long> ofKey = entry.getValue();
			T first = row(rows, ofKey.get(0));
			if (ofKey.stream().skip(1).allMatch(line -> Objects.equals(first, row(rows, line)))) {
				repeats += ofKey.size() - 1; // an exact repeat: the first row stands for them all
				continue;
			}
			conflicting++;
			for (String forget : this.extract.forgetStatements()) {
				this.jdbc.update(forget, date, entry.getKey());
			}
			String reason = this.extract.keyColumn() + " '" + CsvRow.shorten(entry.getKey()) + "' is on lines "
					+ ofKey.stream().map(String::valueOf).collect(Collectors.joining(", "))
					+ " with different values: every row of it is rejected, since neither can be trusted";
			for (Long line : ofKey) {
				rejects.add(new Object[] { date, fileName, line, reason, rows.get(line) == null ? "" : raw(rows.get(line)) });
			}
		}
		StagingWriter.INSERT_REJECTS.insert(this.jdbc, rejects);
		if (repeats > 0) {
			log.info("{}: {} exact repeat(s) of an earlier row kept once", fileName, repeats);
		}
		if (!rejects.isEmpty()) {
			log.warn("{}: {} id(s) with rows that say different things, every row of each rejected ({} rows)", fileName,
					conflicting, rejects.size());
		}
		return repeats;
	}

	/** The file's rows on {@code lines}, parsed as staging parsed them. */
	private Map<Long, ParsedRow<T>> read(Set<Long> lines) {
		Map<Long, ParsedRow<T>> found = new HashMap<>();
		Function<CsvRow, ParsedRow<T>> parse = new ExtractProcessor<>(this.extract, this.run).forTheRun();
		ExtractReader reader = new ExtractReader(this.extract.file(), this.run);
		reader.setSaveState(false);
		reader.open(new ExecutionContext());
		try {
			long last = lines.stream().mapToLong(Long::longValue).max().orElse(0);
			for (CsvRow row = reader.read(); row != null && row.lineNumber() <= last; row = reader.read()) {
				if (lines.contains(row.lineNumber())) {
					found.put(row.lineNumber(), parse.apply(row));
				}
			}
		}
		catch (Exception ex) {
			throw ex instanceof RuntimeException runtime ? runtime : new IllegalStateException(ex);
		}
		finally {
			reader.close();
		}
		return found;
	}

	private static <T> T row(Map<Long, ParsedRow<T>> rows, long line) {
		return rows.get(line) instanceof ParsedRow.Good<T> good ? good.row() : null;
	}

	private static <T> String raw(ParsedRow<T> row) {
		return row instanceof ParsedRow.Good<T> good ? good.source().raw()
				: row instanceof ParsedRow.Bad<T> bad ? bad.raw() : "";
	}

}
