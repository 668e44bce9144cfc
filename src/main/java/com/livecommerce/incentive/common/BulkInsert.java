package com.livecommerce.incentive.common;

import java.nio.file.Path;
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
 * derived table of {@code UNION ALL} rows) of {@value #ROWS_PER_STATEMENT} rows, bound with
 * parameters only and prepared by the driver, which sends each as one statement of text. (Until
 * 2026-12-06 plain inserts were prepared on the server, binary protocol: measured on both servers
 * that was the slower path, 88.5 s against 81.2 s for a night of a million sessions on MySQL 8 and a
 * third fewer rows a second in a bare insert on either: docs/performance.md.) Either way the same
 * rows result, and a row the insert would refuse fails the write.
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

	private BulkInsert(String table, List<String> columnNames, Mode mode, String head, String firstRow, String row,
			String tail) {
		this.table = table;
		this.columnNames = List.copyOf(columnNames);
		this.mode = mode;
		this.head = head;
		this.firstRow = firstRow;
		this.row = row;
		this.tail = tail;
		this.columns = columnNames.size();
	}

	/**
	 * Plain inserts: {@code INSERT INTO table (columns) VALUES (...), (...)}.
	 *
	 * @param table the table (a constant of the code)
	 * @param columns its columns, in the order of each row's values
	 */
	public BulkInsert(String table, List<String> columns) {
		this(table, columns, Mode.PLAIN, "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ",
				placeholders(columns.size()), ", " + placeholders(columns.size()), "");
	}

	/**
	 * Idempotent inserts: a row whose key is already there stays as it was (written before a
	 * restart). {@code keyColumn} is assigned to itself, which changes nothing and warns of nothing.
	 */
	public static BulkInsert keepingExisting(String table, List<String> columns, String keyColumn) {
		BulkInsert plain = new BulkInsert(table, columns);
		return new BulkInsert(table, columns, Mode.KEEP_EXISTING, plain.head, plain.firstRow, plain.row,
				" ON DUPLICATE KEY UPDATE " + keyColumn + " = " + keyColumn);
	}

	/**
	 * Inserts that update a row whose key is already there: the rows come as a derived table
	 * {@code new}, which {@code onDuplicateKeyUpdate} reads ({@code reason = new.reason}). One form
	 * that MySQL 8 (where {@code VALUES(col)} is deprecated) and MariaDB (which has no row alias)
	 * both take without a warning. (Prepared by the driver like every statement here: a
	 * server-prepared parameter in a derived table would get a type of its own, which MySQL may cut
	 * long values to; a literal keeps its whole value.)
	 */
	public static BulkInsert upsert(String table, List<String> columns, String onDuplicateKeyUpdate) {
		StringBuilder first = new StringBuilder("SELECT ");
		for (int i = 0; i < columns.size(); i++) {
			first.append(i == 0 ? "" : ", ").append("? AS ").append(columns.get(i));
		}
		return new BulkInsert(table, columns, Mode.UPSERT,
				"INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT * FROM (", first.toString(),
				" UNION ALL SELECT " + String.join(", ", Collections.nCopies(columns.size(), "?")),
				") AS new ON DUPLICATE KEY UPDATE " + onDuplicateKeyUpdate);
	}

	private static String placeholders(int count) {
		return "(" + String.join(", ", Collections.nCopies(count, "?")) + ")";
	}

	/**
	 * Writes the rows keeping what is there (a keep-existing insert), counting exactly what it
	 * inserted: the number of rows when every one of them was new, -1 when some key was there
	 * already (the caller then looks the keys up to learn which). A multi-row insert that keeps what
	 * is there counts a kept row as found, like an inserted one, so without a load the rows go as
	 * plain inserts first; a plain statement that meets a key already there fails whole (InnoDB
	 * rolls back the statement, not the transaction), and it and the statements after it are
	 * written again keeping what is there. A chunk with a key staged before pays that (the first
	 * chunk of a restart, an id a file repeats across chunks, a session redelivered after an earlier
	 * run); the others need no lookup after their write.
	 */
	public int insertNew(JdbcTemplate jdbc, List<Object[]> rows) {
		if (this.mode != Mode.KEEP_EXISTING) {
			throw new IllegalStateException("insertNew is for inserts keeping what is there: " + this.table);
		}
		if (rows.isEmpty()) {
			return 0;
		}
		Integer inserted = jdbc.execute((ConnectionCallback<Integer>) con -> {
			Integer loaded = loaded(con, rows);
			if (loaded != null) {
				return loaded;
			}
			int[] done = new int[1];
			try {
				return writeStatements(con, rows, "", done);
			}
			catch (SQLException ex) {
				if (ex.getErrorCode() != DUPLICATE_KEY) {
					throw ex;
				}
				writeStatements(con, rows.subList(done[0], rows.size()), this.tail, new int[1]);
				return -1;
			}
		});
		return inserted == null ? 0 : inserted;
	}

	/** MySQL's and MariaDB's error for a key that is there already. */
	private static final int DUPLICATE_KEY = 1062;

	/** Writes the rows (each with one value per column) in order; returns the rows affected. */
	public int insert(JdbcTemplate jdbc, List<Object[]> rows) {
		if (rows.isEmpty()) {
			return 0;
		}
		Integer affected = jdbc.execute((ConnectionCallback<Integer>) con -> {
			Integer loaded = loaded(con, rows);
			return loaded != null ? loaded : writeStatements(con, rows, this.tail, new int[1]);
		});
		return affected == null ? 0 : affected;
	}

	/** The rows inserted by one load where the connection can load and the call is worth one, else null. */
	private Integer loaded(Connection con, List<Object[]> rows) throws SQLException {
		if (this.mode == Mode.UPSERT || rows.size() < LoadDataLocal.MIN_ROWS) {
			return null;
		}
		Path spool = LoadDataLocal.availableOn(con);
		return spool == null ? null
				: LoadDataLocal.load(con, spool, this.table, this.columnNames, rows, this.mode == Mode.KEEP_EXISTING);
	}

	/**
	 * The rows as multi-row statements of {@value #ROWS_PER_STATEMENT} rows ending in {@code tail};
	 * the rows affected. {@code done[0]} counts the rows of the statements that succeeded.
	 */
	private int writeStatements(Connection con, List<Object[]> rows, String tail, int[] done) throws SQLException {
		int total = 0;
		PreparedStatement full = null;
		try {
			for (int start = 0; start < rows.size(); start += ROWS_PER_STATEMENT) {
				List<Object[]> part = rows.subList(start, Math.min(rows.size(), start + ROWS_PER_STATEMENT));
				if (part.size() == ROWS_PER_STATEMENT) {
					if (full == null) {
						full = prepare(con, ROWS_PER_STATEMENT, tail);
					}
					total += execute(full, part);
				}
				else {
					try (PreparedStatement last = prepare(con, part.size(), tail)) {
						total += execute(last, part);
					}
				}
				done[0] = start + part.size();
			}
		}
		finally {
			if (full != null) {
				full.close();
			}
		}
		return total;
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

	private PreparedStatement prepare(Connection con, int rows, String tail) throws SQLException {
		StringBuilder sql = new StringBuilder(this.head.length() + rows * this.row.length() + tail.length());
		sql.append(this.head).append(this.firstRow);
		for (int i = 1; i < rows; i++) {
			sql.append(this.row);
		}
		sql.append(tail);
		return con.prepareStatement(sql.toString());
	}

}
