package com.livecommerce.incentive.simulation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The schema a simulation runs in: {@code <real schema>_sim_<name>} on the same server, created
 * empty for each simulation (the user needs CREATE and DROP on it, and SELECT on the real
 * schema). Nothing of the real schema is written.
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
		jdbc.execute("DROP DATABASE IF EXISTS `" + schema + "`");
		jdbc.execute("CREATE DATABASE `" + schema + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
	}

}
