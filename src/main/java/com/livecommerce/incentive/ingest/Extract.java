package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.common.BulkInsert;
import com.livecommerce.incentive.common.SqlLists;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
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
	protected abstract Object[] values(T row);

	/**
	 * Merges the staged rows of one business date into the tables: statements run in order, each
	 * with the business date as its single parameter.
	 */
	public abstract List<String> applyStatements();

	/** Ids this row points to that must be in an earlier file of the same day. */
	public List<Reference<T>> references() {
		return List.of();
	}

	/**
	 * What is already known of a chunk's keys: the first line of each key that earlier chunks of
	 * the same file delivered (staged, or counted as redelivered), and each key already ingested by
	 * an earlier run (counted and ignored, not rejected), mapped to whether the row now says
	 * something else than what was ingested then. An extract that has redeliveries records them
	 * with {@link #recordRedeliveries} and counts them with {@link #redeliveries}.
	 */
	public record Known(Map<String, Long> earlierLines, Map<String, Boolean> alreadyIngested) {
	}

	/** {@link Known} of the chunk's {@code rows} (key → row). */
	public Known known(JdbcTemplate jdbc, LocalDate businessDate, Map<String, T> rows) {
		return new Known(earlierLines(jdbc, businessDate, rows.keySet()), Map.of());
	}

	/** Records redelivered rows (business date, key, line number, differs) of a chunk. */
	public void recordRedeliveries(JdbcTemplate jdbc, List<Object[]> rows) {
		throw new IllegalStateException(this.file.fileName() + " has no redeliveries");
	}

	/** The rows of a business date that were redeliveries, and how many of them differ from the first delivery. */
	public record Redeliveries(int rows, int differing, List<String> firstDiffering) {

		public static final Redeliveries NONE = new Redeliveries(0, 0, List.of());

	}

	public Redeliveries redeliveries(JdbcTemplate jdbc, LocalDate businessDate) {
		return Redeliveries.NONE;
	}

	/** Line numbers of the keys that earlier chunks of the same file staged: key → first line. */
	protected Map<String, Long> earlierLines(JdbcTemplate jdbc, LocalDate businessDate, Collection<String> keys) {
		Map<String, Long> lines = new HashMap<>();
		jdbc.query("SELECT STRAIGHT_JOIN s." + keyColumn() + ", s.line_number FROM " + SqlLists.KEYS + " JOIN " + this.stagingTable
				+ " s ON s.business_date = ? AND s." + keyColumn() + " = keys_.k", rs -> {
					lines.put(rs.getString(1), rs.getLong(2));
				}, SqlLists.keys(keys), businessDate);
		return lines;
	}

	/**
	 * Statements (each with the business date as its single parameter) that remove what an
	 * earlier attempt staged for the date, before the file is staged again.
	 */
	public List<String> purgeStatements() {
		return List.of("DELETE FROM " + this.stagingTable + " WHERE business_date = ?");
	}

	/**
	 * Statements (parameters: the business date, then an id) that remove what staging kept of one
	 * id: its staged row (and, for sessions, a redelivery it was counted as). Used when the file
	 * turns out to hold that id more than once with different values ({@link RepeatedIds}).
	 */
	public List<String> forgetStatements() {
		return List.of("DELETE FROM " + this.stagingTable + " WHERE business_date = ? AND " + keyColumn() + " = ?");
	}

	/**
	 * Whether the staged rows are already the final rows ({@code broadcasts.csv}: sessions go
	 * straight into broadcast_session, see V9): the apply step then does not delete them.
	 */
	public boolean stagesInPlace() {
		return false;
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

	/**
	 * The order of the staging table's primary key (after business_date), where rows come in
	 * another: a chunk's rows are written in it, so that the server inserts them along the key
	 * rather than all over it (loading a day of sessions so takes a tenth to a third less of the
	 * server's time, docs/performance.md). Null: in line order.
	 */
	public Comparator<T> clusteredOrder() {
		return null;
	}

	/**
	 * Writes rows made by {@link #insertParams} into the staging table, keeping a row whose key is
	 * already there ({@code keyColumn = keyColumn} changes nothing): StagingWriter looks the keys
	 * up after it when the write met keys that were there ({@link BulkInsert#insertNew}).
	 */
	public final BulkInsert stagingInsert() {
		List<String> columns = new ArrayList<>(List.of("business_date", "line_number"));
		columns.addAll(this.stagingColumns);
		return BulkInsert.keepingExisting(this.stagingTable, columns, keyColumn());
	}

	public final Object[] insertParams(LocalDate businessDate, long lineNumber, T row) {
		Object[] values = values(row);
		Object[] params = new Object[values.length + 2];
		params[0] = businessDate;
		params[1] = lineNumber;
		System.arraycopy(values, 0, params, 2, values.length);
		return params;
	}

	/**
	 * The statements that keep {@code historyTable} (SPEC §4) in step with a full snapshot staged in
	 * {@code stagingTable}: an entity whose values changed gets its open row closed on the day
	 * before the business date, and every entity without an open row (new, or just closed) gets
	 * one from the business date. An entity missing from the snapshot keeps its open row.
	 * {@code <=>} compares nulls as values. Each statement takes the business date as its single
	 * parameter.
	 */
	protected static List<String> historyStatements(String stagingTable, String historyTable, String key,
			String... columns) {
		String changed = String.join(" AND ", java.util.Arrays.stream(columns).map(c -> "h." + c + " <=> s." + c).toList());
		String list = String.join(", ", columns);
		String selected = String.join(", ", java.util.Arrays.stream(columns).map(c -> "s." + c).toList());
		return List.of("UPDATE " + historyTable + " h JOIN " + stagingTable + " s ON s.business_date = ? AND s." + key
				+ " = h." + key + " SET h.valid_to = DATE_SUB(s.business_date, INTERVAL 1 DAY) WHERE h.valid_to IS NULL"
				+ " AND NOT (" + changed + ")",
				"INSERT INTO " + historyTable + " (" + key + ", " + list + ", valid_from) SELECT s." + key + ", " + selected
						+ ", s.business_date FROM " + stagingTable + " s LEFT JOIN " + historyTable + " h ON h." + key
						+ " = s." + key + " AND h.valid_to IS NULL WHERE s.business_date = ? AND h." + key + " IS NULL");
	}

	/** {@code first}, then {@code more}. */
	protected static List<String> concat(List<String> first, String... more) {
		List<String> all = new ArrayList<>(first);
		all.addAll(List.of(more));
		return List.copyOf(all);
	}

	/** Rules that depend on the business date and the policy version. */
	public record IngestRules(LocalDate businessDate, int lateArrivalDays) {
	}

	/**
	 * {@code column} of a row must name an id that some snapshot up to the business date listed:
	 * in {@code target}'s staging table for the same day, or in {@code knownTable}, which keeps
	 * every id of earlier snapshots (SPEC §3: an id dropped from today's snapshot keeps its last
	 * known values; only an id never seen is unknown).
	 */
	public record Reference<T>(String column, Function<T, String> value, InputFile target, String targetTable,
			String targetKey, String knownTable) {

		public String reason(String id, LocalDate businessDate) {
			return column + " '" + id + "' is unknown: no " + target.fileName() + " up to " + businessDate
					+ " listed it";
		}

	}

}
