package com.livecommerce.incentive.common;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.conf.RuntimeProperty;
import com.mysql.cj.jdbc.JdbcConnection;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.regex.Pattern;

/**
 * Bulk writes through {@code LOAD DATA LOCAL INFILE}: the rows of one call are written as
 * tab-separated text to a file in the spool directory and loaded in one statement, in the
 * caller's transaction. The server parses the text far faster than it binds thousands of
 * statement parameters, and the client formats it far faster than Connector/J binds them
 * (docs/performance.md).
 *
 * <p>Used only where it is safe and available: the connection was opened with Connector/J's
 * {@code allowLoadLocalInfileInPath} (never {@code allowLoadLocalInfile}), so that a server,
 * even a malicious one, can ask the driver only for files of that private directory, which holds
 * nothing but the rows being sent to it; and the server has {@code local_infile} on (MySQL 8
 * ships with it off: then {@link #availableOn} is null and callers write multi-row inserts;
 * {@link #probe} says why, and common/BulkWritePath tells the operator).
 *
 * <p>{@code LOAD DATA LOCAL} turns every row error into a warning (the server cannot stop the
 * client's file midway), so every load is checked: a plain load must insert every row with no
 * warning at all; a load that keeps existing rows may skip rows only for a duplicate key, one
 * warning each. Anything else fails the statement, and with it the caller's transaction, exactly
 * as the insert would have failed.
 *
 * <p>The file is UTF-8 as Java encodes it (never malformed) and is read {@code CHARACTER SET
 * binary}: taken as it is, not converted or checked byte by byte, each value stored in its
 * column's utf8mb4 and measured in its characters there (a value too long fails the load as
 * before; LoadDataLocalTest). For the messages, 2.4 KB of mostly Chinese text a row, that is a
 * fifth less of the load's time on MariaDB (150,000 messages: 7.7 against 9.4 s); for short values
 * it makes no difference.
 */
public final class LoadDataLocal {

	/** The connection property that names the spool directory (Connector/J). */
	public static final String PATH_PROPERTY = "allowLoadLocalInfileInPath";

	/** Calls with fewer rows write a multi-row insert: a file and a load are not worth it. */
	public static final int MIN_ROWS = 64;

	private static final int DUPLICATE_KEY = 1062;

	/** Characters a spool path may have: it is written into the statement, so nothing to quote. */
	private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9/._-]+");

	private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

	/** Per physical connection: whether loads are possible there, asked once. */
	private static final Map<JdbcConnection, Probe> PROBES = new WeakHashMap<>();

	private LoadDataLocal() {
	}

	/**
	 * What a connection allows: the spool directory to load from, or why bulk writes on it are
	 * multi-row inserts instead.
	 *
	 * @param spool the directory, or null when loads are off
	 * @param off why they are off (null when on)
	 * @param remedy how to turn them on safely (null when on or off by choice)
	 * @param chosen off because the configuration says so ({@code incentive.database.load-data-local=false})
	 */
	public record Probe(Path spool, String off, String remedy, boolean chosen) {

		static Probe on(Path spool) {
			return new Probe(spool, null, null, false);
		}

		static Probe off(String why, String remedy) {
			return new Probe(null, why, remedy, false);
		}

		static Probe offByChoice(String why) {
			return new Probe(null, why, null, true);
		}

	}

	/**
	 * The spool directory of {@code con} when it can load: Connector/J, opened with
	 * {@value #PATH_PROPERTY} naming an existing, writable directory with a plain path, and the
	 * server allows {@code local_infile}. Asked once per physical connection; the session also keeps
	 * enough warnings for a load's duplicates to be counted one by one.
	 */
	public static Path availableOn(Connection con) throws SQLException {
		return probe(con).spool();
	}

	/** Whether {@code con} can load, and if not, why (asked once per physical connection). */
	public static Probe probe(Connection con) throws SQLException {
		if (!con.isWrapperFor(JdbcConnection.class)) {
			return Probe.off("the JDBC driver is not MySQL Connector/J", "use the driver the jar ships");
		}
		JdbcConnection mysql = con.unwrap(JdbcConnection.class);
		synchronized (PROBES) {
			Probe known = PROBES.get(mysql);
			if (known != null) {
				return known;
			}
		}
		Probe probe = ask(con, mysql);
		synchronized (PROBES) {
			PROBES.put(mysql, probe);
		}
		return probe;
	}

	private static Probe ask(Connection con, JdbcConnection mysql) throws SQLException {
		RuntimeProperty<String> path = mysql.getPropertySet().getStringProperty(PropertyKey.allowLoadLocalInfileInPath);
		if (mysql.getPropertySet().getBooleanProperty(PropertyKey.allowLoadLocalInfile).getValue()) {
			return Probe.off("the connection sets allowLoadLocalInfile=true, which would let the server read any file"
					+ " this process can", "remove allowLoadLocalInfile from the URL: the job then lets the server read"
							+ " only files of its own spool directory (allowLoadLocalInfileInPath)");
		}
		if (!path.isExplicitlySet() || path.getValue() == null) {
			return Probe.offByChoice("incentive.database.load-data-local is false");
		}
		String dir = path.getValue();
		if (!SAFE_PATH.matcher(dir).matches()) {
			return Probe.off("the spool directory " + dir + " has characters other than letters, digits and ./_-",
					"set incentive.database.load-data-dir to a plain path");
		}
		if (!Files.isDirectory(Path.of(dir)) || !Files.isWritable(Path.of(dir))) {
			return Probe.off("the spool directory " + dir + " is not a directory this process can write",
					"set incentive.database.load-data-dir to an empty directory it can write");
		}
		try (Statement statement = con.createStatement();
				ResultSet rs = statement.executeQuery("SELECT @@local_infile")) {
			if (!rs.next() || rs.getInt(1) != 1) {
				return Probe.off("the server has local_infile OFF", "SET PERSIST local_infile = ON (MySQL 8) or"
						+ " local_infile = ON in the server's configuration (MariaDB); safe for this job: its connections"
						+ " send the server only files of their own spool directory");
			}
			statement.execute("SET SESSION max_error_count = 65535");
		}
		return Probe.on(Path.of(dir));
	}

	/**
	 * Loads {@code rows} (one value per column, in order) into {@code table} on {@code con};
	 * returns the rows inserted.
	 *
	 * @param keepExisting a row whose key is already there is skipped (and the load does not fail)
	 */
	public static int load(Connection con, Path spool, String table, List<String> columns, List<Object[]> rows,
			boolean keepExisting) throws SQLException {
		Path file;
		try {
			file = Files.createTempFile(spool, "load-", ".tsv");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the load file in " + spool, ex);
		}
		try {
			write(file, columns.size(), rows);
			try (Statement statement = con.createStatement()) {
				int inserted = statement.executeUpdate("LOAD DATA LOCAL INFILE '" + file + "'"
						+ (keepExisting ? " IGNORE" : "") + " INTO TABLE " + table
						+ " CHARACTER SET binary FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ("
						+ String.join(", ", columns) + ")");
				check(statement, table, rows.size(), inserted, keepExisting);
				return inserted;
			}
		}
		finally {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// the directory is private and the next process uses a fresh one
			}
		}
	}

	/** Every warning must be a duplicate key the caller accepts, one for each row not inserted. */
	private static void check(Statement statement, String table, int sent, int inserted, boolean keepExisting)
			throws SQLException {
		SQLWarning warning = statement.getWarnings();
		if (warning == null && inserted == sent) {
			return;
		}
		List<SQLWarning> warnings = new ArrayList<>();
		for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
			warnings.add(w);
		}
		statement.clearWarnings();
		long duplicates = warnings.stream().filter(w -> w.getErrorCode() == DUPLICATE_KEY).count();
		SQLWarning other = warnings.stream().filter(w -> w.getErrorCode() != DUPLICATE_KEY).findFirst().orElse(null);
		if (keepExisting && other == null && duplicates == sent - inserted) {
			return;
		}
		String first = other != null ? other.getMessage() : warnings.isEmpty() ? "no warning" : warnings.get(0).getMessage();
		throw new SQLException("loading " + sent + " rows into " + table + " inserted " + inserted + " with "
				+ warnings.size() + " warnings (" + duplicates + " duplicate keys); first: " + first, "22000");
	}

	/**
	 * The rows as the statement reads them: tab-separated, backslash-escaped, \N for null. Each
	 * line is encoded as a whole ({@link String#getBytes}): a Writer's encoder takes its slow path
	 * for every non-ASCII character, and the messages are mostly Chinese.
	 */
	private static void write(Path file, int columns, List<Object[]> rows) {
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
			StringBuilder line = new StringBuilder(256);
			for (Object[] row : rows) {
				if (row.length != columns) {
					throw new IllegalArgumentException("expected " + columns + " values, got " + row.length);
				}
				line.setLength(0);
				for (int i = 0; i < row.length; i++) {
					if (i > 0) {
						line.append('\t');
					}
					value(line, row[i]);
				}
				line.append('\n');
				out.write(line.toString().getBytes(StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the load file " + file, ex);
		}
	}

	private static void value(StringBuilder line, Object value) {
		if (value == null) {
			line.append("\\N");
		}
		else if (value instanceof String s) {
			escaped(line, s);
		}
		else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
			line.append(value);
		}
		else if (value instanceof Boolean b) {
			line.append(b ? '1' : '0');
		}
		else if (value instanceof LocalDateTime t) {
			DATETIME.formatTo(t, line);
		}
		else if (value instanceof LocalDate d) {
			line.append(d);
		}
		else if (value instanceof BigDecimal d) {
			line.append(d.toPlainString());
		}
		else {
			throw new IllegalArgumentException("no text form for a " + value.getClass().getName() + " in a load");
		}
	}

	/** Appends {@code s} with the five characters the statement reads as escapes escaped; runs between them at once. */
	private static void escaped(StringBuilder line, String s) {
		int run = 0;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			String escape = switch (c) {
				case '\\' -> "\\\\";
				case '\t' -> "\\t";
				case '\n' -> "\\n";
				case '\r' -> "\\r";
				case '\0' -> "\\0";
				case '\u001a' -> "\\Z";
				default -> null;
			};
			if (escape != null) {
				line.append(s, run, i).append(escape);
				run = i + 1;
			}
		}
		line.append(s, run, s.length());
	}

}
