package com.livecommerce.incentive.simulation;

import java.sql.ResultSet;
import java.sql.Statement;
import com.livecommerce.incentive.runs.NightlyRun;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The schema a simulation runs in: {@code <real schema>_sim_<name>} on the same server, created
 * for each simulation with the real schema's tables and views, empty but for Flyway's history and
 * the job repository's sequences: a copy of the structure, not a migration, so that a simulation
 * creates no role and grants nothing (sql/V10__roles.sql is the schema owner's). The user needs
 * SELECT and SHOW VIEW on the real schema and every privilege on {@code <real>\_sim\_%}
 * (docs/simulate.md). Nothing of the real schema is written.
 */
public final class ScratchSchema {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,20}");

	private static final Pattern URL = Pattern.compile("^(jdbc:(?:mysql|mariadb)://[^/?]+/)([^?]*)(.*)$");

	private ScratchSchema() {
	}

	/** Whether {@code name} can name a simulation (letters, digits and _, at most 20). */
	public static boolean validName(String name) {
		return NAME.matcher(name).matches();
	}

	/** The scratch schema of simulation {@code name} beside {@code real}. */
	public static String of(String real, String name) {
		if (!validName(name)) {
			throw new IllegalArgumentException("not a simulation name: " + name);
		}
		String schema = real + "_sim_" + name;
		if (schema.length() > 64 || !schema.matches("[A-Za-z0-9_$]+")) {
			throw new IllegalArgumentException("the scratch schema name " + schema + " is not usable");
		}
		return schema;
	}

	/** {@code realUrl} with its database replaced by {@code schema}, its parameters kept. */
	public static String url(String realUrl, String schema) {
		Matcher m = URL.matcher(realUrl);
		if (!m.matches()) {
			throw new IllegalArgumentException("cannot point a JDBC URL of this form at a scratch schema: "
					+ realUrl.replaceAll("(?i)password=[^&]*", "password=***"));
		}
		return m.group(1) + schema + m.group(3);
	}

	private static final Pattern SCHEMA = Pattern.compile("[A-Za-z0-9_$]{1,64}");

	/**
	 * {@code `real`.}, the prefix that names a table of the real schema in a statement of the
	 * scratch schema; {@code real} is checked (letters, digits, _ and $ only).
	 */
	public static String qualifier(String real) {
		if (!SCHEMA.matcher(real).matches()) {
			throw new IllegalArgumentException("not a schema name: " + real);
		}
		return "`" + real + "`.";
	}

	/** Drops and creates the scratch schema, empty. */
	public static void create(JdbcTemplate jdbc, String schema) {
		drop(jdbc, schema);
		jdbc.execute("CREATE DATABASE `" + schema + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
	}

	/** Drops the scratch schema, if there is one. */
	public static void drop(JdbcTemplate jdbc, String schema) {
		jdbc.execute("DROP DATABASE IF EXISTS `" + checked(schema) + "`");
	}

	/** The tables whose rows a scratch schema starts with: what tells its schema is current, and sequences. */
	private static final Pattern KEPT_ROWS = Pattern.compile("flyway_schema_history|BATCH_.*_SEQ");

	private static final Pattern DEFINER = Pattern.compile("\\sDEFINER=`[^`]*`@`[^`]*`");

	/**
	 * Creates in {@code scratch} every table and view of {@code real} as the real schema has them
	 * (SHOW CREATE: keys, foreign keys and comments included), on {@code jdbc}, a connection to the
	 * real schema (left on it). A view is created with the current user as its definer. Names come
	 * from the catalog, never from input.
	 */
	public static void copyStructure(JdbcTemplate jdbc, String real, String scratch) {
		String from = qualifier(real);
		String to = qualifier(checked(scratch));
		List<String[]> objects = jdbc.query("""
				SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?
				ORDER BY TABLE_TYPE, TABLE_NAME""", (rs, i) -> new String[] { rs.getString(1), rs.getString(2) }, real);
		jdbc.execute((ConnectionCallback<Void>) connection -> {
			try (Statement statement = connection.createStatement()) {
				// created from within the scratch schema: names a statement leaves unqualified (foreign keys) are its
				statement.execute("USE `" + scratch + "`");
				statement.execute("SET FOREIGN_KEY_CHECKS = 0");
				try {
					for (String[] object : objects) {
						String name = "`" + object[0].replace("`", "``") + "`";
						boolean view = "VIEW".equals(object[1]);
						String create;
						try (ResultSet rs = statement.executeQuery((view ? "SHOW CREATE VIEW " : "SHOW CREATE TABLE ") + from + name)) {
							rs.next();
							create = rs.getString(2);
						}
						if (view) {
							statement.execute(DEFINER.matcher(create).replaceFirst("").replace(from, to));
						}
						else {
							statement.execute(create);
							if (KEPT_ROWS.matcher(object[0]).matches()) {
								statement.execute("INSERT INTO " + to + name + " SELECT * FROM " + from + name);
							}
						}
					}
				}
				finally {
					statement.execute("SET FOREIGN_KEY_CHECKS = 1");
					statement.execute("USE `" + real + "`"); // the connection goes back to the pool
				}
			}
			return null;
		});
	}

	/**
	 * A simulation kept beside the real schema.
	 *
	 * @param from the first date it simulated (its daily_summary), null when it holds none
	 */
	public record Kept(String name, String schema, LocalDate from, LocalDate to, long megabytes) {
	}

	/** Every scratch schema beside {@code real}, by name: what {@code simulate --list} shows. */
	public static List<Kept> list(JdbcTemplate jdbc, String real) {
		String prefix = checked(real) + "_sim_";
		List<String> schemas = jdbc.queryForList("""
				SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE LEFT(SCHEMA_NAME, ?) = ? ORDER BY SCHEMA_NAME""",
				String.class, prefix.length(), prefix);
		List<Kept> kept = new java.util.ArrayList<>();
		for (String schema : schemas) {
			String name = schema.substring(prefix.length());
			if (!validName(name)) {
				continue;
			}
			long bytes = jdbc.queryForObject("""
					SELECT COALESCE(SUM(DATA_LENGTH + INDEX_LENGTH), 0) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?""",
					Long.class, schema);
			LocalDate[] dates = { null, null };
			boolean runs = jdbc.queryForObject("""
					SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'BATCH_JOB_EXECUTION_PARAMS'""",
					Integer.class, schema) > 0;
			if (runs) {
				// the simulated dates: the nights the simulation's own job repository completed
				String q = qualifier(schema);
				jdbc.query("SELECT MIN(p.PARAMETER_VALUE), MAX(p.PARAMETER_VALUE) FROM " + q + "BATCH_JOB_EXECUTION e JOIN " + q
						+ "BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
						+ " WHERE e.STATUS = 'COMPLETED' AND p.PARAMETER_NAME = ?", rs -> {
							dates[0] = rs.getString(1) == null ? null : LocalDate.parse(rs.getString(1));
							dates[1] = rs.getString(2) == null ? null : LocalDate.parse(rs.getString(2));
						}, NightlyRun.BUSINESS_DATE);
			}
			kept.add(new Kept(name, schema, dates[0], dates[1], (bytes + (1 << 20) - 1) >> 20));
		}
		return kept;
	}

	private static String checked(String schema) {
		if (!SCHEMA.matcher(schema).matches()) {
			throw new IllegalArgumentException("not a schema name: " + schema);
		}
		return schema;
	}

}
