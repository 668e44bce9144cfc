package com.livecommerce.incentive.ingest;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How one extract becomes rows: parsing and row checks, its staging table, the references it
 * must satisfy and the set-based merge into its table once the input gate has passed. Table and
 * column names here are constants of the code, never input.
 *
 * @param <T> the typed row
 */
public abstract class Extract<T> {

	private final InputFile file;

	private final String stagingTable;

	private final List<String> stagingColumns;

	private final Function<T, String> key;

	/**
	 * @param stagingColumns the staging table's columns after business_date and line_number, the
	 * row's id (unique within the file) first
	 */
	protected Extract(InputFile file, String stagingTable, Function<T, String> key, String... stagingColumns) {
		this.file = file;
		this.stagingTable = stagingTable;
		this.key = key;
		this.stagingColumns = List.of(stagingColumns);
	}

	/** Row-level checks; throws {@link BadRowException} with the reason. */
	public abstract T parse(CsvRow row, IngestRules rules);

	/** Values of {@link #stagingColumns}, in order. */
	protected abstract Object[] values(T row, boolean redelivered);

	/**
	 * Merges the staged rows of one business date into the tables: statements run in order, each
	 * with the business date as its single parameter.
	 */
	public abstract List<String> applyStatements();

	/** Ids this row points to that must be in an earlier file of the same day. */
	public List<Reference<T>> references() {
		return List.of();
	}

	/** Keys already ingested by an earlier run: counted and ignored, not rejected. */
	public Set<String> alreadyIngested(JdbcTemplate jdbc, LocalDate businessDate, Collection<String> keys) {
		return Set.of();
	}

	/**
	 * Rows to reject for what needs more than the row itself (checked after redeliveries and
	 * references): key → reason. Usage rows must name a grant and not use more than it has left;
	 * sessions must end within the late-arrival window.
	 */
	public Map<String, String> rejections(JdbcTemplate jdbc, IngestRules rules, Map<String, T> rowsByKey) {
		return Map.of();
	}

	public final InputFile file() {
		return this.file;
	}

	public final String stagingTable() {
		return this.stagingTable;
	}

	/** The column of the row's id. */
	public final String keyColumn() {
		return this.stagingColumns.get(0);
	}

	public final String key(T row) {
		return this.key.apply(row);
	}

	public final String insertSql() {
		return "INSERT INTO " + this.stagingTable + " (business_date, line_number, "
				+ String.join(", ", this.stagingColumns) + ") VALUES ("
				+ String.join(", ", Collections.nCopies(this.stagingColumns.size() + 2, "?")) + ")";
	}

	public final Object[] insertParams(LocalDate businessDate, long lineNumber, T row, boolean redelivered) {
		Object[] values = values(row, redelivered);
		Object[] params = new Object[values.length + 2];
		params[0] = businessDate;
		params[1] = lineNumber;
		System.arraycopy(values, 0, params, 2, values.length);
		return params;
	}

	/** Rules that depend on the business date and the policy version. */
	public record IngestRules(LocalDate businessDate, int lateArrivalDays) {
	}

	/**
	 * {@code column} of a row must name a row of {@code target}'s staging table for the same day.
	 */
	public record Reference<T>(String column, Function<T, String> value, InputFile target, String targetTable,
			String targetKey) {

		public String reason(String id) {
			return column + " '" + id + "' is unknown: not in the day's " + target.fileName()
					+ " (or rejected there)";
		}

	}

}
