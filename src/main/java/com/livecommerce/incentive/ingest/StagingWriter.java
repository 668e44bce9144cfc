package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.common.BulkInsert;
import com.livecommerce.incentive.common.SqlLists;
import com.livecommerce.incentive.runs.NightlyRun;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * Writes a chunk of parsed rows: the checks that need more than one row (duplicate ids within
 * the file, references to the day's other files, redeliveries) run set-wise, one query per
 * check and chunk; good rows go to the staging table and bad ones to rejected_input, in the
 * chunk's transaction, so a restart resumes exactly after the last committed chunk.
 */
class StagingWriter<T> implements ItemWriter<ParsedRow<T>> {

	/** A line is rejected once: a restaged file's rejects are removed first (IngestFileTracker). */
	static final BulkInsert INSERT_REJECTS = new BulkInsert("rejected_input",
			List.of("business_date", "file_name", "line_number", "reason", "raw_line"));

	private final Extract<T> extract;

	private final BulkInsert staging;

	private final JdbcTemplate jdbc;

	private final NightlyRun run;

	StagingWriter(Extract<T> extract, JdbcTemplate jdbc, NightlyRun run) {
		this.extract = extract;
		this.staging = extract.stagingInsert();
		this.jdbc = jdbc;
		this.run = run;
	}

	@Override
	public void write(Chunk<? extends ParsedRow<T>> chunk) {
		LocalDate date = this.run.businessDate();
		List<ParsedRow.Bad<T>> bad = new ArrayList<>();
		Map<String, ParsedRow.Good<T>> good = new LinkedHashMap<>();
		for (ParsedRow<T> item : chunk) {
			if (item instanceof ParsedRow.Bad<T> rejected) {
				bad.add(rejected);
			}
			else if (item instanceof ParsedRow.Good<T> row) {
				ParsedRow.Good<T> first = good.putIfAbsent(this.extract.key(row.row()), row);
				if (first != null) {
					bad.add(duplicate(row, first.lineNumber()));
				}
			}
		}
		Extract.Known known = good.isEmpty() ? new Extract.Known(Map.of(), Map.of())
				: this.extract.known(this.jdbc, date, rows(good));
		rejectDuplicatesOfEarlierChunks(known.earlierLines(), good, bad);
		// A redelivery is ignored whatever else is true of it now (its account may be gone, its
		// end outside the late-arrival window): only the other rows face the remaining checks.
		Map<String, Boolean> redelivered = new LinkedHashMap<>(known.alreadyIngested());
		redelivered.keySet().retainAll(good.keySet());
		Map<String, ParsedRow.Good<T>> fresh = new LinkedHashMap<>(good);
		fresh.keySet().removeAll(redelivered.keySet());
		rejectUnknownReferences(date, fresh, bad);
		rejectForRules(fresh, bad);
		good.keySet().retainAll(union(fresh.keySet(), redelivered.keySet()));

		List<Object[]> staged = new ArrayList<>(good.size());
		List<Object[]> redeliveries = new ArrayList<>(redelivered.size());
		for (Map.Entry<String, ParsedRow.Good<T>> entry : good.entrySet()) {
			ParsedRow.Good<T> row = entry.getValue();
			if (redelivered.containsKey(entry.getKey())) {
				redeliveries.add(new Object[] { date, entry.getKey(), row.lineNumber(), redelivered.get(entry.getKey()) });
			}
			else {
				staged.add(this.extract.insertParams(date, row.lineNumber(), row.row()));
			}
		}
		List<Object[]> rejects = new ArrayList<>(bad.size());
		for (ParsedRow.Bad<T> row : bad) {
			rejects.add(new Object[] { date, this.extract.file().fileName(), row.lineNumber(), row.reason(), row.raw() });
		}
		this.staging.insert(this.jdbc, staged);
		if (!redeliveries.isEmpty()) {
			this.extract.recordRedeliveries(this.jdbc, redeliveries);
		}
		INSERT_REJECTS.insert(this.jdbc, rejects);
	}

	private static <T> Map<String, T> rows(Map<String, ParsedRow.Good<T>> good) {
		Map<String, T> rows = new LinkedHashMap<>();
		good.forEach((key, row) -> rows.put(key, row.row()));
		return rows;
	}

	private void rejectDuplicatesOfEarlierChunks(Map<String, Long> earlierLines, Map<String, ParsedRow.Good<T>> good,
			List<ParsedRow.Bad<T>> bad) {
		earlierLines.forEach((key, firstLine) -> {
			ParsedRow.Good<T> row = good.remove(key);
			if (row != null) {
				bad.add(duplicate(row, firstLine));
			}
		});
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

	private static Set<String> union(Set<String> a, Set<String> b) {
		Set<String> all = new HashSet<>(a);
		all.addAll(b);
		return all;
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

	private ParsedRow.Bad<T> duplicate(ParsedRow.Good<T> row, long firstLine) {
		return new ParsedRow.Bad<>(row.lineNumber(), "duplicate " + this.extract.keyColumn() + " '"
				+ this.extract.key(row.row()) + "': the file has it first on line " + firstLine, rawOf(row));
	}

	private static <T> String rawOf(ParsedRow.Good<T> row) {
		return row.source().raw();
	}

}
