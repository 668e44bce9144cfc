package com.livecommerce.incentive.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Batched writes of many rows, on the caller's transaction. Where the connection and the server
 * allow it ({@link LoadDataLocal}), a plain or keep-existing insert of at least
 * {@value LoadDataLocal#MIN_ROWS} rows is one {@code LOAD DATA LOCAL INFILE}: several times less
 * work for client and server than binding every value (docs/performance.md). Otherwise, and for
 * upserts, multi-row {@code INSERT ... VALUES (...), (...)} statements (or, for an upsert, a
 * derived table of {@code UNION ALL} rows) of {@value #ROWS_PER_STATEMENT} rows, prepared once per
 * call on the server (binary protocol: no escaping or date formatting on our side, no SQL parsing
 * per row on the server's) and bound with parameters only; with another driver the statements are
 * prepared the standard way. Either way the same rows result, and a row the insert would refuse
 * fails the write.
 */
public final class BulkInsert {

	/** Rows per statement: 500 rows of up to ~20 columns stay far below the 65,535 placeholders a statement may have. */
	public static final int ROWS_PER_STATEMENT = 500;

	/** How rows whose key is already there are treated. */
	private enum Mode {
		/** a duplicate key fails the write */
		PLAIN,
		/** a row whose key is there stays as it was */
		KEEP_EXISTING,
		/** a row whose key is there is updated (never loaded: LOAD DATA cannot update) */
		UPSERT
	}

	private final String table;

	private final List<String> columnNames;

	private final Mode mode;

	private final String head;

	private final String firstRow;

	private final String row;

	private final String tail;

	private final int columns;

	/** Whether the statement is prepared on the server (binary protocol) or by the driver. */
	private final boolean serverPrepared;

	private BulkInsert(String table, List<String> columnNames, Mode mode, String head, String firstRow, String row,
			String tail, boolean serverPrepared) {
		this.table = table;
		this.columnNames = List.copyOf(columnNames);
		this.mode = mode;
		this.head = head;
		this.firstRow = firstRow;
		this.row = row;
		this.tail = tail;
		this.columns = columnNames.size();
		this.serverPrepared = serverPrepared;
	}

	/**
	 * Plain inserts: {@code INSERT INTO table (columns) VALUES (...), (...)}.
	 *
	 * @param table the table (a constant of the code)
	 * @param columns its columns, in the order of each row's values
	 */
	public BulkInsert(String table, List<String> columns) {
		this(table, columns, Mode.PLAIN, "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ",
				placeholders(columns.size()), ", " + placeholders(columns.size()), "", true);
	}

	/**
	 * Idempotent inserts: a row whose key is already there stays as it was (written before a
	 * restart). {@code keyColumn} is assigned to itself, which changes nothing and warns of nothing.
	 */
	public static BulkInsert keepingExisting(String table, List<String> columns, String keyColumn) {
		BulkInsert plain = new BulkInsert(table, columns);
		return new BulkInsert(table, columns, Mode.KEEP_EXISTING, plain.head, plain.firstRow, plain.row,
				" ON DUPLICATE KEY UPDATE " + keyColumn + " = " + keyColumn, true);
	}

	/**
	 * Inserts that update a row whose key is already there: the rows come as a derived table
	 * {@code new}, which {@code onDuplicateKeyUpdate} reads ({@code reason = new.reason}). One form
	 * that MySQL 8 (where {@code VALUES(col)} is deprecated) and MariaDB (which has no row alias)
	 * both take without a warning. Prepared by the driver, not the server: a server-prepared
	 * parameter in a derived table gets a type of its own, which MySQL may cut long values to;
	 * a literal keeps its whole value.
	 */
	public static BulkInsert upsert(String table, List<String> columns, String onDuplicateKeyUpdate) {
		StringBuilder first = new StringBuilder("SELECT ");
		for (int i = 0; i < columns.size(); i++) {
			first.append(i == 0 ? "" : ", ").append("? AS ").append(columns.get(i));
		}
		return new BulkInsert(table, columns, Mode.UPSERT,
				"INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT * FROM (", first.toString(),
				" UNION ALL SELECT " + String.join(", ", Collections.nCopies(columns.size(), "?")),
				") AS new ON DUPLICATE KEY UPDATE " + onDuplicateKeyUpdate, false);
	}

	private static String placeholders(int count) {
		return "(" + String.join(", ", Collections.nCopies(count, "?")) + ")";
	}

	/**
	 * Whether {@link #insert} of {@code rows} rows on the caller's connection is one load, whose
	 * count is then exact: the rows inserted, a kept row not counted (a multi-row insert keeping
	 * what is there counts a kept row as found, like an inserted one).
	 */
	public boolean loadsAtOnce(JdbcTemplate jdbc, int rows) {
		return this.mode != Mode.UPSERT && rows >= LoadDataLocal.MIN_ROWS && Boolean.TRUE
			.equals(jdbc.execute((ConnectionCallback<Boolean>) con -> LoadDataLocal.availableOn(con) != null));
	}

	/** Writes the rows (each with one value per column) in order; returns the rows affected. */
	public int insert(JdbcTemplate jdbc, List<Object[]> rows) {
		if (rows.isEmpty()) {
			return 0;
		}
		Integer affected = jdbc.execute((ConnectionCallback<Integer>) con -> {
			if (this.mode != Mode.UPSERT && rows.size() >= LoadDataLocal.MIN_ROWS) {
				java.nio.file.Path spool = LoadDataLocal.availableOn(con);
				if (spool != null) {
					return LoadDataLocal.load(con, spool, this.table, this.columnNames, rows,
							this.mode == Mode.KEEP_EXISTING);
				}
			}
			int total = 0;
			int full = rows.size() / ROWS_PER_STATEMENT * ROWS_PER_STATEMENT;
			if (full > 0) {
				try (PreparedStatement statement = prepare(con, ROWS_PER_STATEMENT)) {
					for (int start = 0; start < full; start += ROWS_PER_STATEMENT) {
						total += execute(statement, rows.subList(start, start + ROWS_PER_STATEMENT));
					}
				}
			}
			if (full < rows.size()) {
				try (PreparedStatement statement = prepare(con, rows.size() - full)) {
					total += execute(statement, rows.subList(full, rows.size()));
				}
			}
			return total;
		});
		return affected == null ? 0 : affected;
	}

	private int execute(PreparedStatement statement, List<Object[]> rows) throws SQLException {
		int index = 1;
		for (Object[] values : rows) {
			if (values.length != this.columns) {
				throw new IllegalArgumentException("expected " + this.columns + " values, got " + values.length);
			}
			for (Object value : values) {
				statement.setObject(index++, value);
			}
		}
		return statement.executeUpdate();
	}

	private PreparedStatement prepare(Connection con, int rows) throws SQLException {
		StringBuilder sql = new StringBuilder(this.head.length() + rows * this.row.length() + this.tail.length());
		sql.append(this.head).append(this.firstRow);
		for (int i = 1; i < rows; i++) {
			sql.append(this.row);
		}
		sql.append(this.tail);
		if (this.serverPrepared && con.isWrapperFor(com.mysql.cj.jdbc.JdbcConnection.class)) {
			return con.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).serverPrepareStatement(sql.toString());
		}
		return con.prepareStatement(sql.toString());
	}

}
