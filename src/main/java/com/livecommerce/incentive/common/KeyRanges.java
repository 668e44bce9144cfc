package com.livecommerce.incentive.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A step whose rows fall into parts by ranges of a key read from the database, run side by side
 * as {@link HashPartitions}' parts are ({@code <name>:part0}, {@code <name>:part1} …, each on a
 * thread of its own with restart state of its own), but each part one contiguous range of the
 * key: part {@code i} holds the keys from split {@code i - 1} (inclusive) to split {@code i}
 * (exclusive), the first and the last part open at their outer end.
 *
 * <p>Why ranges rather than a hash: a part that writes rows keyed by its key, in key order, then
 * appends at its own place in the table's clustered index. Parts by hash interleave their keys,
 * and every page both write into is split half full: at three million sessions the day's
 * eligibility decisions took three times the pages they take written in order, the messages a
 * third more, and the redo log the same again. A range is also read as a range of an index,
 * where a hash condition reads the whole day in every part.
 *
 * <p>The splits are the keys at equal shares of the step's rows ({@link #quantiles}), found when
 * the step starts and kept in each part's execution context: a restart works each failed part
 * over exactly its first attempt's range (Spring Batch hands a restarted part its stored context,
 * and keeps the first attempt's number of parts).
 */
public final class KeyRanges {

	static final String FROM = "partition.from";

	static final String TO = "partition.to";

	/** Finds the {@code parts - 1} keys that cut the step's rows into {@code parts} ranges. */
	@FunctionalInterface
	public interface Splits {

		List<String> keys(int parts);

	}

	/**
	 * A part's range of keys: from {@code from} (inclusive) to {@code to} (exclusive), a null end
	 * open. Compared in SQL by the key column's own collation, the same that ordered the splits.
	 */
	public record Range(String from, String to) {

		/** Every key: outside a partitioned step, or a step of one part. */
		public static final Range ALL = new Range(null, null);

		/**
		 * The condition that a row of {@code keyColumn} (a column name of the code, never input) is
		 * in the range; its parameters are those {@link #argumentsBetween} puts between a statement's others.
		 */
		public String condition(String keyColumn) {
			if (this.from == null && this.to == null) {
				return "TRUE";
			}
			if (this.from == null) {
				return keyColumn + " < ?";
			}
			return this.to == null ? keyColumn + " >= ?" : keyColumn + " >= ? AND " + keyColumn + " < ?";
		}

		/** A statement's parameters: {@code before}, then those of {@link #condition}, then {@code after}. */
		public List<Object> argumentsBetween(List<?> before, List<?> after) {
			List<Object> arguments = new ArrayList<>(before);
			if (this.from != null) {
				arguments.add(this.from);
			}
			if (this.to != null) {
				arguments.add(this.to);
			}
			arguments.addAll(after);
			return arguments;
		}

	}

	private KeyRanges() {
	}

	/** The step {@code name}: {@code worker} once per range of the keys {@code splits} finds. */
	public static Step of(String name, JobRepository jobRepository, Step worker, int parts, Splits splits) {
		return HashPartitions
			.partitioned(name, jobRepository, worker, parts, gridSize -> contexts(splits.keys(gridSize), gridSize))
			.build();
	}

	/**
	 * The parts' contexts: {@link HashPartitions}' part and count, and the range. With fewer splits
	 * than the parts need (no rows at all), the missing ones are the empty string, below every key:
	 * the first parts are then empty and the last holds every key, so each key is in one part still.
	 */
	static Map<String, ExecutionContext> contexts(List<String> splits, int parts) {
		List<String> keys = new ArrayList<>(splits);
		while (keys.size() < parts - 1) {
			keys.add(0, "");
		}
		Map<String, ExecutionContext> contexts = HashPartitions.contexts(parts);
		for (int part = 0; part < parts; part++) {
			ExecutionContext context = contexts.get("part" + part);
			if (part > 0) {
				context.putString(FROM, keys.get(part - 1));
			}
			if (part < parts - 1) {
				context.putString(TO, keys.get(part));
			}
		}
		return contexts;
	}

	/** The range a worker's execution context names ({@link Range#ALL} outside a partitioned step). */
	public static Range range(ExecutionContext context) {
		return new Range(context.containsKey(FROM) ? context.getString(FROM) : null,
				context.containsKey(TO) ? context.getString(TO) : null);
	}

	/**
	 * Splits at equal shares of the rows {@code FROM rows} (a table and its condition, from the
	 * code, never input), by {@code keyColumn}: the rows are counted, and the key at row
	 * {@code count * i / parts} in key order (an index's order, or the server sorts them) starts
	 * part {@code i}. A key on many rows keeps them all in one part; keys that repeat across splits
	 * leave a part empty, never a row in two.
	 */
	public static List<String> quantiles(JdbcTemplate jdbc, int parts, String rows, String keyColumn,
			Object... arguments) {
		long count = jdbc.queryForObject("SELECT COUNT(*) FROM " + rows, Long.class, arguments);
		List<String> splits = new ArrayList<>(parts - 1);
		if (count == 0) {
			return splits;
		}
		String keyAt = "SELECT " + keyColumn + " FROM " + rows + " ORDER BY " + keyColumn + " LIMIT 1 OFFSET ?";
		Object[] withOffset = Arrays.copyOf(arguments, arguments.length + 1);
		for (int part = 1; part < parts; part++) {
			withOffset[arguments.length] = count * part / parts;
			List<String> key = jdbc.queryForList(keyAt, String.class, withOffset);
			if (key.isEmpty()) { // fewer rows than counted: fewer splits, the first parts left empty
				return splits;
			}
			splits.add(key.get(0));
		}
		return splits;
	}

}
