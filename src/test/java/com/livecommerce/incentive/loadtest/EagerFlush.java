package com.livecommerce.incentive.loadtest;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The server asked to write out its dirty pages now, for as long as this is open: it flushes
 * whatever share of the buffer pool is dirty (innodb_max_dirty_pages_pct and its low-water mark
 * 0) at the rate it allows itself under load (innodb_io_capacity raised to
 * innodb_io_capacity_max). Closing sets the three back as they were, so a night runs on the
 * server's own settings.
 * <p>
 * Left alone, an idle MariaDB writes dirty pages only until their share falls under its
 * low-water mark, and at innodb_io_capacity (200 pages a second by default): the benchmark's
 * nights started with 13,000 dirty pages, or 69,000 when the server had not begun writing yet, or
 * 137,000 the settle's ten minutes could not write out (docs/performance.md). Flushing them all
 * first makes every night start alike.
 * <p>
 * Setting global variables takes SUPER (MariaDB) or SYSTEM_VARIABLES_ADMIN (MySQL 8): where the
 * user may not, or the server lacks a variable, nothing is changed and {@link #describe} says why.
 */
final class EagerFlush implements AutoCloseable {

	private static final String PCT = "innodb_max_dirty_pages_pct";

	private static final String LWM = "innodb_max_dirty_pages_pct_lwm";

	private static final String IO = "innodb_io_capacity";

	private static final String IO_MAX = "innodb_io_capacity_max";

	private final JdbcTemplate jdbc;

	/** The variables as they were. */
	private final Map<String, String> before;

	/** The variables set, in the order they were; closing sets them back in the reverse one. */
	private final Deque<String> changed = new ArrayDeque<>();

	private String description;

	private EagerFlush(JdbcTemplate jdbc, Map<String, String> before) {
		this.jdbc = jdbc;
		this.before = before;
	}

	/** {@code server}: the settings as they were before the benchmark changed anything. */
	static EagerFlush ask(JdbcTemplate jdbc, ServerSettings server) {
		Map<String, String> before = server.variables();
		EagerFlush flush = new EagerFlush(jdbc, before);
		List<String> missing = List.of(PCT, LWM, IO, IO_MAX).stream().filter(v -> !before.containsKey(v)).toList();
		if (!missing.isEmpty()) {
			flush.description = "not asked to flush: the server has no " + String.join(", ", missing);
			return flush;
		}
		try {
			// the low-water mark may not exceed the high one: lowered first, set back last
			flush.set(LWM, BigDecimal.ZERO);
			flush.set(PCT, BigDecimal.ZERO);
			flush.set(IO, new BigDecimal(before.get(IO_MAX)));
		}
		catch (DataAccessException ex) {
			flush.close();
			flush.description = "not asked to flush: " + ex.getMostSpecificCause().getMessage();
			return flush;
		}
		flush.description = String.format(Locale.ROOT, "flushing at up to %s pages a second (%s 0, %s %s for the wait)",
				before.get(IO_MAX), PCT, IO, before.get(IO_MAX));
		return flush;
	}

	/** Whether the server was asked, or why not. */
	String describe() {
		return this.description;
	}

	/** What was set, back as it was; a failure to is thrown: the night would not run on the server's settings. */
	@Override
	public void close() {
		while (!this.changed.isEmpty()) {
			String variable = this.changed.peek();
			this.jdbc.update("SET GLOBAL " + variable + " = ?", new BigDecimal(this.before.get(variable)));
			this.changed.pop();
		}
	}

	/** {@code variable} (one of the constants above, never input) set to {@code value}. */
	private void set(String variable, BigDecimal value) {
		this.jdbc.update("SET GLOBAL " + variable + " = ?", value);
		this.changed.push(variable);
	}

}
