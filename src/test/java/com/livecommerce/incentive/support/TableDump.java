package com.livecommerce.incentive.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every row of the given tables, in a stable order, as text: to compare two databases. */
public final class TableDump {

	private TableDump() {
	}

	public static Map<String, List<String>> of(JdbcTemplate jdbc, List<String> tables) {
		Map<String, List<String>> dump = new LinkedHashMap<>();
		for (String table : tables) {
			List<String> columns = jdbc.queryForList("""
					SELECT column_name FROM information_schema.columns
					WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position""", String.class, table);
			String order = String.join(", ", columns);
			List<String> rows = new ArrayList<>();
			jdbc.query("SELECT * FROM " + table + " ORDER BY " + order, rs -> {
				StringBuilder row = new StringBuilder();
				for (int i = 1; i <= columns.size(); i++) {
					row.append(i > 1 ? " | " : "").append(rs.getString(i));
				}
				rows.add(row.toString());
			});
			dump.put(table, rows);
		}
		return dump;
	}

}
