package com.livecommerce.incentive.runs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One figure of a run report: a titled table (columns and rows), read by a person as aligned text
 * and by tools as JSON. A figure whose query fails says so instead of failing the report.
 */
public record Figure(String title, List<String> columns, List<List<Object>> rows) {

	public Figure {
		columns = List.copyOf(columns);
		rows = rows.stream().map(r -> (List<Object>) java.util.Collections.unmodifiableList(new ArrayList<>(r))).toList();
	}

	/** The rows of {@code sql}, the columns named by its labels. */
	public static Figure of(JdbcTemplate jdbc, String title, String sql, Object... args) {
		try {
			List<String> columns = new ArrayList<>();
			List<List<Object>> rows = new ArrayList<>();
			jdbc.query(sql, rs -> {
				if (columns.isEmpty()) {
					for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
						columns.add(rs.getMetaData().getColumnLabel(c));
					}
				}
				List<Object> row = new ArrayList<>();
				for (int c = 1; c <= columns.size(); c++) {
					row.add(rs.getObject(c));
				}
				rows.add(row);
			}, args);
			return new Figure(title, columns, rows);
		}
		catch (RuntimeException ex) {
			return new Figure(title, List.of("unavailable"), List.of(List.of(String.valueOf(ex.getMessage()))));
		}
	}

	/** The rows by their columns' names: what a summary reads, never a cell by its position. */
	public List<Map<String, Object>> named() {
		return this.rows.stream().map(r -> {
			Map<String, Object> row = new LinkedHashMap<>();
			for (int c = 0; c < this.columns.size(); c++) {
				row.put(this.columns.get(c), r.get(c));
			}
			return row;
		}).toList();
	}

	/** The value of {@code column} in the row whose first cell is {@code key}, or null. */
	public Object value(Object key, String column) {
		int c = this.columns.indexOf(column);
		return this.rows.stream().filter(r -> String.valueOf(r.get(0)).equals(String.valueOf(key))).map(r -> r.get(c))
			.findFirst().orElse(null);
	}

	/** The title, then the table with its columns aligned (numbers to the right); "(none)" when empty. */
	public String text() {
		StringBuilder out = new StringBuilder(this.title).append('\n');
		if (this.rows.isEmpty()) {
			return out.append("  (none)\n").toString();
		}
		int[] width = new int[this.columns.size()];
		for (int c = 0; c < width.length; c++) {
			width[c] = this.columns.get(c).length();
			for (List<Object> row : this.rows) {
				width[c] = Math.max(width[c], String.valueOf(row.get(c)).length());
			}
		}
		out.append(line(this.columns.stream().map(Object.class::cast).toList(), width, null));
		for (List<Object> row : this.rows) {
			out.append(line(row, width, row));
		}
		return out.toString();
	}

	private static String line(List<Object> cells, int[] width, List<Object> row) {
		StringBuilder line = new StringBuilder(" ");
		for (int c = 0; c < cells.size(); c++) {
			String cell = String.valueOf(cells.get(c));
			boolean number = row != null && cells.get(c) instanceof Number;
			String format = "%" + (number ? "" : "-") + width[c] + "s";
			line.append(' ').append(String.format(format, cell));
		}
		return line.toString().stripTrailing() + "\n";
	}

	/** The rows as objects keyed by column, for JSON. */
	public List<Map<String, Object>> json() {
		List<Map<String, Object>> json = new ArrayList<>();
		for (List<Object> row : this.rows) {
			Map<String, Object> object = new LinkedHashMap<>();
			for (int c = 0; c < this.columns.size(); c++) {
				object.put(this.columns.get(c), row.get(c));
			}
			json.add(object);
		}
		return json;
	}

}
