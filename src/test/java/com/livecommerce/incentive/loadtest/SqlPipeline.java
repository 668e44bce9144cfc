package com.livecommerce.incentive.loadtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The hand-written SQL pipeline the nightly job is measured against (issue 38,
 * docs/performance.md): the set-based script a data team would run by cron instead, about a third
 * of the product's work (resources loadtest/sql-pipeline-*.sql say what it does and leaves out),
 * run on the load test's own inboxes in a schema of its own on the same server. It loads the files
 * with LOAD DATA LOCAL, as such a script would: on a connection of its own that may send any file
 * (a measuring tool's, never the product's), and only where the server has local_infile on.
 */
final class SqlPipeline implements AutoCloseable {

	/** Paths written into LOAD DATA statements: nothing that would need quoting. */
	private static final Pattern PLAIN_PATH = Pattern.compile("[A-Za-z0-9/._-]+");

	/** Schema names written into statements (quoted besides). */
	private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_]+");

	private final Connection con;

	private final String schema;

	private SqlPipeline(Connection con, String schema) {
		this.con = con;
		this.schema = schema;
	}

	/**
	 * A fresh schema {@code <database>_sqlpipe} on the server of {@code url} with the pipeline's
	 * tables, or null when it cannot run there (the reason is then in {@code why}): the server has
	 * local_infile off, or the database's name or the inbox's path would need quoting.
	 */
	static SqlPipeline open(String url, String user, String password, Path inbox, StringBuilder why)
			throws SQLException {
		String dir = inbox.toAbsolutePath().normalize().toString();
		if (!PLAIN_PATH.matcher(dir).matches()) {
			why.append("the inbox path ").append(dir).append(" has characters other than letters, digits and ./_-");
			return null;
		}
		Properties properties = new Properties();
		properties.setProperty("user", user);
		properties.setProperty("password", password == null ? "" : password);
		properties.setProperty("allowLoadLocalInfile", "true");
		Connection con = DriverManager.getConnection(url, properties);
		try {
			String schema;
			try (Statement statement = con.createStatement();
					ResultSet rs = statement.executeQuery("SELECT DATABASE(), @@GLOBAL.local_infile")) {
				rs.next();
				String database = rs.getString(1);
				if (rs.getInt(2) != 1) {
					why.append("the server has local_infile OFF, and the pipeline loads its files with LOAD DATA LOCAL");
				}
				else if (database == null || !PLAIN_NAME.matcher(database).matches()) {
					why.append("the database's name ").append(database).append(" is not a plain name");
				}
				schema = why.isEmpty() ? database + "_sqlpipe" : null;
			}
			if (schema == null) {
				con.close();
				return null;
			}
			try (Statement statement = con.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS `" + schema + "`");
				statement.execute("CREATE DATABASE `" + schema + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
				statement.execute("USE `" + schema + "`");
			}
			SqlPipeline pipeline = new SqlPipeline(con, schema);
			pipeline.execute(statements("sql-pipeline-schema.sql"), null);
			return pipeline;
		}
		catch (SQLException | RuntimeException ex) {
			con.close();
			throw ex;
		}
	}

	String schema() {
		return this.schema;
	}

	/** Copies the stored sessions of the product's earlier runs (its history) as the pipeline's own. */
	long copyHistory(String productSchema, LocalDate before) throws SQLException {
		if (!PLAIN_NAME.matcher(productSchema).matches()) {
			throw new IllegalArgumentException("not a plain schema name: " + productSchema);
		}
		try (PreparedStatement copy = this.con.prepareStatement("INSERT INTO p_session (session_id, business_date,"
				+ " account_id, started_at, ended_at, gmv_fen, order_count, viewer_count, watch_minutes, new_followers)"
				+ " SELECT session_id, business_date, account_id, started_at, ended_at, gmv_fen, order_count, viewer_count,"
				+ " watch_minutes, new_followers FROM `" + productSchema + "`.broadcast_session WHERE business_date < ?")) {
			copy.setObject(1, before);
			long copied = copy.executeLargeUpdate();
			try (Statement totals = this.con.createStatement()) {
				totals.execute("INSERT INTO p_account_day (account_id, end_date, sessions, gmv_fen) SELECT account_id,"
						+ " DATE(ended_at), COUNT(*), SUM(gmv_fen) FROM p_session GROUP BY account_id, DATE(ended_at)");
			}
			return copied;
		}
	}

	/** Runs the pipeline for {@code date} on that day's inbox folder; its wall seconds. */
	double day(LocalDate date, Path folder) throws SQLException {
		String dir = folder.toAbsolutePath().normalize().toString();
		if (!PLAIN_PATH.matcher(dir).matches()) {
			throw new IllegalArgumentException("the inbox path " + dir + " has characters the pipeline cannot load from");
		}
		try (PreparedStatement set = this.con.prepareStatement("SET @d = ?, @pool_month = ?")) {
			set.setObject(1, date);
			set.setString(2, YearMonth.from(date).toString());
			set.execute();
		}
		long start = System.nanoTime();
		execute(statements("sql-pipeline-day.sql"), dir);
		return (System.nanoTime() - start) / 1e9;
	}

	/**
	 * The bytes of a message table's texts (title, body, payload), summed: the job's messages carry
	 * the whole text of SPEC §2.8, the pipeline's a line.
	 */
	static final String MESSAGE_BYTES = "COALESCE(SUM(LENGTH(title) + LENGTH(body) + LENGTH(payload)), 0)";

	/** What the pipeline came to on a day. */
	record DayCounts(long claims, long couponsGranted, long messages, long messageBytes) {
	}

	/** What the pipeline came to on {@code date}: each of its tables read once. */
	DayCounts counts(LocalDate date) throws SQLException {
		try (PreparedStatement query = this.con.prepareStatement("SELECT c.claims, c.granted, m.messages, m.bytes"
				+ " FROM (SELECT COUNT(*) AS claims, COALESCE(SUM(granted), 0) AS granted FROM p_claim WHERE business_date = ?) c"
				+ " CROSS JOIN (SELECT COUNT(*) AS messages, " + MESSAGE_BYTES + " AS bytes FROM p_notification"
				+ " WHERE business_date = ?) m")) {
			query.setObject(1, date);
			query.setObject(2, date);
			var rs = query.executeQuery();
			rs.next();
			return new DayCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
		}
	}

	/** The statements of the last {@link #day}, slowest first: seconds and the statement's first line. */
	private final List<Map.Entry<String, Double>> timings = new ArrayList<>();

	/** The {@code n} slowest statements of the last day, as "12.3 s INSERT INTO p_claim ..." lines. */
	List<String> slowest(int n) {
		return this.timings.stream()
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.limit(n)
			.map(t -> String.format("%.1f s %s", t.getValue(), t.getKey()))
			.toList();
	}

	private void execute(List<String> statements, String inbox) throws SQLException {
		this.timings.clear();
		try (Statement statement = this.con.createStatement()) {
			for (String sql : statements) {
				long start = System.nanoTime();
				statement.execute(inbox == null ? sql : sql.replace("${inbox}", inbox));
				String first = sql.lines().findFirst().orElse("");
				this.timings.add(Map.entry(first.length() > 70 ? first.substring(0, 70) + " …" : first,
						(System.nanoTime() - start) / 1e9));
			}
		}
	}

	/** A resource's statements: comment lines dropped, split where a line ends with ";". */
	static List<String> statements(String resource) {
		String text;
		try (InputStream in = SqlPipeline.class.getResourceAsStream("/loadtest/" + resource)) {
			if (in == null) {
				throw new IllegalStateException("no resource loadtest/" + resource);
			}
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<String> statements = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : text.split("\n")) {
			if (line.strip().startsWith("--") || line.isBlank()) {
				continue;
			}
			current.append(line).append('\n');
			if (line.stripTrailing().endsWith(";")) {
				String sql = current.toString().strip();
				statements.add(sql.substring(0, sql.length() - 1));
				current.setLength(0);
			}
		}
		if (!current.toString().isBlank()) {
			throw new IllegalStateException("loadtest/" + resource + " ends without a ';'");
		}
		return statements;
	}

	@Override
	public void close() throws SQLException {
		this.con.close();
	}

}
