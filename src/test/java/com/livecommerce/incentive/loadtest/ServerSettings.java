package com.livecommerce.incentive.loadtest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The server settings a night's figures depend on, as the server reports them, and the redo a
 * night writes. A figure without the settings it was measured on says little: the same night took
 * 69 s on average with the default redo log and 64 s with one that holds the night, on one machine
 * (docs/mysql.md). What a night writes to the redo log is the one figure here that does not vary
 * from run to run: the same inbox writes the same bytes.
 */
record ServerSettings(Map<String, String> variables) {

	/** Reported as they are; the redo log's size is worked out from three; the last four are EagerFlush's. */
	private static final String VARIABLES = "'version', 'innodb_buffer_pool_size', 'innodb_flush_log_at_trx_commit',"
			+ " 'innodb_doublewrite', 'log_bin', 'local_infile', 'innodb_redo_log_capacity', 'innodb_log_file_size',"
			+ " 'innodb_log_files_in_group', 'innodb_max_dirty_pages_pct', 'innodb_max_dirty_pages_pct_lwm',"
			+ " 'innodb_io_capacity', 'innodb_io_capacity_max'";

	static ServerSettings of(JdbcTemplate jdbc) {
		Map<String, String> variables = new LinkedHashMap<>();
		jdbc.query("SHOW GLOBAL VARIABLES WHERE Variable_name IN (" + VARIABLES + ")",
				rs -> {
					variables.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
				});
		return new ServerSettings(variables);
	}

	/**
	 * The redo log's capacity in bytes: innodb_redo_log_capacity where the server has it (MySQL
	 * 8.0.30 and later), else innodb_log_file_size times the files in the group (one on MariaDB
	 * 10.5 and later, which has no such variable); empty where the server says neither.
	 */
	OptionalLong redoLogBytes() {
		OptionalLong capacity = number("innodb_redo_log_capacity");
		if (capacity.isPresent()) {
			return capacity;
		}
		OptionalLong file = number("innodb_log_file_size");
		if (file.isEmpty()) {
			return file;
		}
		return OptionalLong.of(file.getAsLong() * number("innodb_log_files_in_group").orElse(1));
	}

	/** One line, for the benchmark's output. */
	String describe() {
		OptionalLong redo = redoLogBytes();
		return String.format(Locale.ROOT,
				"server settings: buffer pool %s, redo log %s, innodb_flush_log_at_trx_commit %s, doublewrite %s,"
						+ " binary log %s, local_infile %s",
				mb(number("innodb_buffer_pool_size")), mb(redo), value("innodb_flush_log_at_trx_commit"),
				value("innodb_doublewrite"), value("log_bin"), value("local_infile"));
	}

	/**
	 * Said of a night that wrote more redo than the log holds: the server had to write pages out
	 * while the night ran, to free log space, instead of after it (docs/mysql.md).
	 */
	String redoWarning(long written) {
		OptionalLong redo = redoLogBytes();
		if (redo.isEmpty() || written <= redo.getAsLong()) {
			return "";
		}
		return String.format(Locale.ROOT, " (more than the server's redo log of %s: see docs/mysql.md)", mb(redo));
	}

	/** Bytes the server has written to its redo log since it started (both MariaDB and MySQL 8 say). */
	static OptionalLong redoWritten(JdbcTemplate jdbc) {
		return jdbc.query("SHOW GLOBAL STATUS WHERE Variable_name = 'Innodb_os_log_written'",
				rs -> rs.next() ? parse(rs.getString(2)) : OptionalLong.empty());
	}

	static String mb(OptionalLong bytes) {
		return bytes.isPresent() ? String.format(Locale.ROOT, "%,d MB", bytes.getAsLong() / (1 << 20)) : "unknown";
	}

	private OptionalLong number(String name) {
		return parse(this.variables.get(name));
	}

	private String value(String name) {
		return this.variables.getOrDefault(name, "unknown");
	}

	private static OptionalLong parse(String value) {
		if (value == null) {
			return OptionalLong.empty();
		}
		try {
			return OptionalLong.of(Long.parseLong(value.trim()));
		}
		catch (NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

}
