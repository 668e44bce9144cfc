package com.livecommerce.incentive.common;

import java.util.Collection;
import java.util.LinkedHashSet;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lists of keys as one statement parameter.
 *
 * <p>{@link #KEYS} is a table of keys passed as a single JSON array parameter ({@link #keys}):
 * joined to a table's key, it looks up thousands of keys a statement as eq_ref lookups. An
 * {@code IN} list of that length costs the server about twice as much (measured on MariaDB 10.11:
 * 6 against 3.3 µs a key at 5,000 keys), spent building one range per value, and its thousands of
 * placeholders cost the driver again. Both servers have JSON_TABLE (MySQL 8.0.4, MariaDB 10.6).
 * Queries name it first and say {@code SELECT STRAIGHT_JOIN}: both optimizers estimate a table
 * function at a handful of rows, and a key table must drive the join, never a scan of the table.
 */
public final class SqlLists {

	/**
	 * A derived table {@code keys_} with one column {@code k}: the keys of the parameter, compared
	 * as the tables' ids are (utf8mb4_bin). Use as {@code FROM KEYS JOIN t ON t.id = keys_.k}.
	 */
	public static final String KEYS = "JSON_TABLE(?, '$[*]' COLUMNS (k VARCHAR(255) CHARACTER SET utf8mb4"
			+ " COLLATE utf8mb4_bin PATH '$')) AS keys_";

	/** Like {@link #KEYS}, for two-part keys: columns {@code k1} and {@code k2} ({@link #pairs}). */
	public static final String KEY_PAIRS = "JSON_TABLE(?, '$[*]' COLUMNS (k1 VARCHAR(255) CHARACTER SET utf8mb4"
			+ " COLLATE utf8mb4_bin PATH '$[0]', k2 VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PATH '$[1]'))"
			+ " AS keys_";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private SqlLists() {
	}

	/** The parameter of {@link #KEYS}: the distinct keys as a JSON array (each key at most 255 characters). */
	public static String keys(Collection<String> keys) {
		LinkedHashSet<String> distinct = new LinkedHashSet<>(keys);
		for (String key : distinct) {
			if (key.length() > 255) {
				throw new IllegalArgumentException("a key of " + key.length() + " characters: at most 255");
			}
		}
		return JSON.writeValueAsString(distinct);
	}

	/** The parameter of {@link #KEY_PAIRS}: the distinct pairs as a JSON array of two-element arrays. */
	public static String pairs(Collection<java.util.List<String>> pairs) {
		LinkedHashSet<java.util.List<String>> distinct = new LinkedHashSet<>(pairs);
		for (java.util.List<String> pair : distinct) {
			if (pair.size() != 2 || pair.get(0).length() > 255 || pair.get(1).length() > 255) {
				throw new IllegalArgumentException("a key pair must be two keys of at most 255 characters: " + pair);
			}
		}
		return JSON.writeValueAsString(distinct);
	}

}
