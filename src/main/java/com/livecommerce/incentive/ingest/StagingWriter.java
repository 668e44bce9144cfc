package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.common.BulkInsert;
import com.livecommerce.incentive.common.SqlLists;
import com.livecommerce.incentive.runs.NightlyRun;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a chunk of parsed rows: the checks that need more than one row (ids the file repeats,
 * references to the day's other files, redeliveries) run set-wise, at most one query per check
 * and chunk; good rows go to the staging table and bad ones to rejected_input, in the chunk's
 * transaction, so a restart resumes exactly after the last committed chunk. The first row of an
 * id is staged; its later rows are noted in ingest_repeat and decided when the file has been read
 * ({@link RepeatedIds}: kept once when they say the same, all rejected when they do not).
 */
class StagingWriter<T> implements ItemWriter<ParsedRow<T>> {

	/**
	 * A line is rejected once: a restaged file's rejects are removed first (IngestFileTracker), and
	 * a chunk written again after its commit (the process died before its position was saved)
	 * finds its rejects there.
	 */
	static final BulkInsert INSERT_REJECTS = BulkInsert.keepingExisting("rejected_input",
			List.of("business_date", "file_name", "line_number", "reason", "raw_line"), "line_number");

	/** A later row of an id the file already had, decided when the file's step ends ({@link RepeatedIds}). */
	static final BulkInsert INSERT_REPEATS = BulkInsert.keepingExisting("ingest_repeat",
			List.of("business_date", "file_name", "line_number", "key_value", "first_line"), "line_number");

	private final Extract<T> extract;

	/** The staging insert keeping what is there: the lookups after it find what it kept. */
	private final BulkInsert staging;

	private final JdbcTemplate jdbc;

	private final NightlyRun run;

	StagingWriter(Extract<T> extract, JdbcTemplate jdbc, NightlyRun run) {
		this.extract = extract;
		this.staging = extract.stagingInsert();
		this.jdbc = jdbc;
		this.run = run;
	}

	/** How often a chunk is written again after InnoDB chose it as a deadlock's victim. */
	static final int DEADLOCK_ATTEMPTS = 4;

	/**
	 * Writes the chunk; written again, whole, when InnoDB chose its transaction as the victim of a
	 * deadlock (error 1213 rolls the whole transaction back, so nothing of the attempt stays). Parts
	 * that stage a file again, after an earlier attempt's rows were removed, can meet so on the
	 * removed rows' gaps (RandomRestartTest).
	 */
	@Override
	public void write(Chunk<? extends ParsedRow<T>> chunk) {
		for (int attempt = 1;; attempt++) {
			try {
				writeOnce(chunk);
				return;
			}
			catch (org.springframework.dao.DataAccessException ex) {
				if (attempt >= DEADLOCK_ATTEMPTS || !deadlock(ex)) {
					throw ex;
				}
				org.slf4j.LoggerFactory.getLogger(StagingWriter.class)
					.info("{}: a chunk's transaction was a deadlock's victim; writing it again (attempt {} of {})",
							this.extract.file().fileName(), attempt + 1, DEADLOCK_ATTEMPTS);
				try {
					Thread.sleep(50L * attempt);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	/** Whether the server rolled the whole transaction back as a deadlock's victim (MySQL and MariaDB error 1213). */
	static boolean deadlock(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof java.sql.SQLException sql && sql.getErrorCode() == 1213) {
				return true;
			}
		}
		return false;
	}

	private void writeOnce(Chunk<? extends ParsedRow<T>> chunk) {
		LocalDate date = this.run.businessDate();
		List<ParsedRow.Bad<T>> bad = new ArrayList<>();
		// each key's rows in line order: the first is checked, the others wait for its outcome
		Map<String, ArrayDeque<ParsedRow.Good<T>>> byKey = new LinkedHashMap<>();
		for (ParsedRow<T> item : chunk) {
			if (item instanceof ParsedRow.Bad<T> rejected) {
				bad.add(rejected);
			}
			else if (item instanceof ParsedRow.Good<T> row) {
				byKey.computeIfAbsent(this.extract.key(row.row()), k -> new ArrayDeque<>()).add(row);
			}
		}
		List<Object[]> redeliveries = new ArrayList<>();
		List<Object[]> repeats = new ArrayList<>();
		Map<String, ParsedRow.Good<T>> candidates = new LinkedHashMap<>();
		byKey.forEach((key, rows) -> candidates.put(key, rows.poll()));
		while (!candidates.isEmpty()) {
			Outcome outcome = checkAndStage(date, candidates, bad, repeats);
			outcome.redelivered().forEach((key, differs) -> redeliveries
				.add(new Object[] { date, key, candidates.get(key).lineNumber(), differs }));
			Map<String, ParsedRow.Good<T>> next = new LinkedHashMap<>();
			candidates.forEach((key, candidate) -> {
				ArrayDeque<ParsedRow.Good<T>> later = byKey.get(key);
				Long kept = outcome.kept().get(key);
				if (kept == null && !later.isEmpty()) {
					next.put(key, later.poll()); // refused on its own: the next row of the key is judged on its own
				}
				else if (kept != null) {
					later.forEach(row -> repeats.add(repeat(date, key, row, kept)));
					later.clear();
				}
			});
			candidates.clear();
			candidates.putAll(next);
		}
		if (!redeliveries.isEmpty()) {
			this.extract.recordRedeliveries(this.jdbc, redeliveries);
		}
		INSERT_REPEATS.insert(this.jdbc, repeats);
		List<Object[]> rejects = new ArrayList<>(bad.size());
		for (ParsedRow.Bad<T> row : bad) {
			rejects.add(new Object[] { date, this.extract.file().fileName(), row.lineNumber(), row.reason(), row.raw() });
		}
		INSERT_REJECTS.insert(this.jdbc, rejects);
	}

	/**
	 * What became of the rows checked together (one per key): the line of the row each key now
	 * stands for in the file (the row itself when staged or counted as a redelivery, an earlier
	 * chunk's when it repeats that id), none when the row was refused on its own; the redeliveries
	 * (key → whether the row now says something else).
	 */
	private record Outcome(Map<String, Long> kept, Map<String, Boolean> redelivered) {
	}

	/**
	 * Checks rows of distinct keys against the day (references, rules) and stages those that pass.
	 * What is already known of a key comes first: a key an earlier chunk of the file kept makes the
	 * row a repeat (noted in ingest_repeat), and a session an earlier run ingested is a redelivery,
	 * ignored whatever else is true of it now (its account may be gone, its end outside the
	 * late-arrival window).
	 *
	 * <p>The rows that pass are written keeping what is there, and the keys are looked up after:
	 * what the write found stored is what the lookup sees. (The chunk runs at READ COMMITTED,
	 * IngestConfiguration.CHUNK_TRANSACTION: a restart can begin while the killed run's last COMMIT
	 * is still carried out on the server; the write waits for those rows and keeps them, and only
	 * a lookup after it, in a read view of its own, finds them. A lookup before the write missed
	 * them, and the write then failed on a duplicate key.) The write counts exactly what it
	 * inserted ({@link BulkInsert#insertNew}): only when it met keys already there are the written
	 * keys looked up, and otherwise only the keys of rows that failed a check. The lookups of every
	 * chunk were a sixth of the sessions' ingest on MariaDB, and an eighth of the server's time in
	 * statements on MySQL 8 without LOAD DATA (docs/performance.md).
	 */
	private Outcome checkAndStage(LocalDate date, Map<String, ParsedRow.Good<T>> rows, List<ParsedRow.Bad<T>> bad,
			List<Object[]> repeats) {
		Map<String, ParsedRow.Good<T>> fresh = new LinkedHashMap<>(rows);
		List<ParsedRow.Bad<T>> failed = new ArrayList<>();
		rejectUnknownReferences(date, fresh, failed);
		rejectForRules(fresh, failed);
		Map<Long, ParsedRow.Bad<T>> failedByLine = new HashMap<>();
		failed.forEach(row -> failedByLine.put(row.lineNumber(), row));

		// the written keys are looked up only when the write met keys that were there already
		boolean lookUpFresh = this.staging.insertNew(this.jdbc, staged(date, fresh)) != fresh.size();
		Map<String, T> lookUp = new LinkedHashMap<>();
		rows.forEach((key, row) -> {
			if (lookUpFresh || !fresh.containsKey(key)) {
				lookUp.put(key, row.row());
			}
		});
		Extract.Known known = lookUp.isEmpty() ? new Extract.Known(Map.of(), Map.of())
				: this.extract.known(this.jdbc, date, lookUp);

		Map<String, Long> kept = new HashMap<>();
		Map<String, Boolean> redelivered = new LinkedHashMap<>();
		for (Map.Entry<String, ParsedRow.Good<T>> entry : rows.entrySet()) {
			String key = entry.getKey();
			ParsedRow.Good<T> row = entry.getValue();
			Long line = known.earlierLines().get(key);
			if (line != null && line.longValue() != row.lineNumber()) {
				repeats.add(repeat(date, key, row, line));
				kept.put(key, line);
			}
			else if (line != null) {
				// this very row: written just now, or by an attempt that committed the chunk and died before
				// saving its position (Spring Batch saves it after the commit)
				kept.put(key, line);
			}
			else if (known.alreadyIngested().containsKey(key)) {
				redelivered.put(key, known.alreadyIngested().get(key));
				kept.put(key, row.lineNumber());
			}
			else if (!fresh.containsKey(key)) {
				bad.add(failedByLine.get(row.lineNumber()));
			}
			else if (lookUp.containsKey(key)) {
				throw new IllegalStateException(this.extract.file().fileName() + " line " + row.lineNumber() + ": "
						+ this.extract.keyColumn() + " '" + key + "' was neither written nor found stored");
			}
			else {
				kept.put(key, row.lineNumber());
			}
		}
		return new Outcome(kept, redelivered);
	}

	/** The rows' insert values, in the order the staging table is clustered in where the extract gives it. */
	private List<Object[]> staged(LocalDate date, Map<String, ParsedRow.Good<T>> rows) {
		List<ParsedRow.Good<T>> ordered = new ArrayList<>(rows.values());
		Comparator<T> clustered = this.extract.clusteredOrder();
		if (clustered != null) {
			ordered.sort(Comparator.comparing(ParsedRow.Good::row, clustered));
		}
		List<Object[]> staged = new ArrayList<>(ordered.size());
		for (ParsedRow.Good<T> row : ordered) {
			staged.add(this.extract.insertParams(date, row.lineNumber(), row.row()));
		}
		return staged;
	}

	private static <T> Map<String, T> rows(Map<String, ParsedRow.Good<T>> good) {
		Map<String, T> rows = new LinkedHashMap<>();
		good.forEach((key, row) -> rows.put(key, row.row()));
		return rows;
	}

	private void rejectUnknownReferences(LocalDate date, Map<String, ParsedRow.Good<T>> good,
			List<ParsedRow.Bad<T>> bad) {
		for (Extract.Reference<T> ref : this.extract.references()) {
			if (good.isEmpty()) {
				return;
			}
			Set<String> ids = new HashSet<>();
			for (ParsedRow.Good<T> row : good.values()) {
				ids.add(ref.value().apply(row.row()));
			}
			// today's snapshot first (it lists almost every id), then what earlier snapshots listed
			Set<String> known = new HashSet<>(this.jdbc.queryForList("SELECT STRAIGHT_JOIN t." + ref.targetKey() + " FROM "
					+ SqlLists.KEYS + " JOIN " + ref.targetTable() + " t ON t.business_date = ? AND t." + ref.targetKey()
					+ " = keys_.k", String.class, SqlLists.keys(ids), date));
			List<String> notToday = ids.stream().filter(id -> !known.contains(id)).toList();
			if (!notToday.isEmpty()) {
				known.addAll(this.jdbc.queryForList("SELECT STRAIGHT_JOIN t." + ref.targetKey() + " FROM " + SqlLists.KEYS + " JOIN "
						+ ref.knownTable() + " t ON t." + ref.targetKey() + " = keys_.k", String.class,
						SqlLists.keys(notToday)));
			}
			for (Iterator<ParsedRow.Good<T>> it = good.values().iterator(); it.hasNext();) {
				ParsedRow.Good<T> row = it.next();
				String id = ref.value().apply(row.row());
				if (!known.contains(id)) {
					it.remove();
					bad.add(new ParsedRow.Bad<>(row.lineNumber(), ref.reason(id, date), rawOf(row)));
				}
			}
		}
	}

	private void rejectForRules(Map<String, ParsedRow.Good<T>> good, List<ParsedRow.Bad<T>> bad) {
		if (good.isEmpty()) {
			return;
		}
		Map<String, T> rows = new LinkedHashMap<>();
		good.forEach((key, row) -> rows.put(key, row.row()));
		Extract.IngestRules rules = new Extract.IngestRules(this.run.businessDate(), this.run.lateArrivalDays());
		this.extract.rejections(this.jdbc, rules, rows).forEach((key, reason) -> {
			ParsedRow.Good<T> row = good.remove(key);
			bad.add(new ParsedRow.Bad<>(row.lineNumber(), reason, rawOf(row)));
		});
	}

	private Object[] repeat(LocalDate date, String key, ParsedRow.Good<T> row, long firstLine) {
		return new Object[] { date, this.extract.file().fileName(), row.lineNumber(), key, firstLine };
	}

	private static <T> String rawOf(ParsedRow.Good<T> row) {
		return row.source().raw();
	}

}
