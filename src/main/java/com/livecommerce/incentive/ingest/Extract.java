package com.livecommerce.incentive.ingest;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How one extract becomes rows: parsing and row checks, its staging table, the references it
 * must satisfy and the set-based merge into its table once the input gate has passed.
 * Table and column names here are constants of the code, never input.
 *
 * @param <T> the typed row
 */
public interface Extract<T> {

	InputFile file();

	/** Row-level checks; throws {@link BadRowException} with the reason. */
	T parse(CsvRow row, IngestRules rules);

	/** The row's id, unique within the file ("duplicate id in the file" otherwise). */
	String key(T row);

	String stagingTable();

	String keyColumn();

	/** Insert into the staging table; parameters from {@link #insertParams}. */
	String insertSql();

	Object[] insertParams(LocalDate businessDate, long lineNumber, T row, boolean redelivered);

	/** Merges the staged rows of one business date (the single parameter) into the table. */
	String applySql();

	/** Ids this row points to that must be in an earlier file of the same day. */
	default List<Reference<T>> references() {
		return List.of();
	}

	/** Keys already ingested by an earlier run: counted and ignored, not rejected. */
	default Set<String> alreadyIngested(JdbcTemplate jdbc, LocalDate businessDate, Collection<String> keys) {
		return Set.of();
	}

	/** Rules that depend on the business date and the policy version. */
	record IngestRules(LocalDate businessDate, int lateArrivalDays) {
	}

	/**
	 * {@code column} of a row must name a row of {@code target}'s staging table for the same day.
	 */
	record Reference<T>(String column, Function<T, String> value, InputFile target, String targetTable,
			String targetKey) {

		public String reason(String id) {
			return column + " '" + id + "' is unknown: not in the day's " + target.fileName()
					+ " (or rejected there)";
		}

	}

}
