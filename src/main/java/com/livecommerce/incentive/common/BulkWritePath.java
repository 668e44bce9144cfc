package com.livecommerce.incentive.common;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Says once per process, when the first job starts, whether its bulk writes can take the fast
 * path ({@link LoadDataLocal}). A connection that cannot, for a reason an operator can change
 * (a URL with {@code allowLoadLocalInfile=true}, a server with {@code local_infile} OFF, a spool
 * directory that cannot be used), is one WARN line: what is off, why, what it costs and how to turn
 * it on safely. Off by the configuration's choice is one INFO line.
 */
@Component
public class BulkWritePath {

	/**
	 * What the fallback costs, measured (docs/performance.md, "2026-12-06: MySQL 8 as shipped"): a
	 * night of a million sessions with multi-row inserts against LOAD DATA LOCAL, on MariaDB 10.11
	 * (49.4 against 40.1 s) and on MySQL 8.0.33 (81.2 against 85.1 s, within one run's spread).
	 */
	static final String COST = "a night of a million sessions took 1.2x as long on MariaDB 10.11, about as long on MySQL 8.0";

	private static final Logger log = LoggerFactory.getLogger(BulkWritePath.class);

	private static final AtomicBoolean told = new AtomicBoolean();

	private final DataSource dataSource;

	public BulkWritePath(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Logs the line for this process's connections, the first time the database answers; never
	 * fails a run (a database that does not answer is the run's to report, and asked again next).
	 */
	public void announce() {
		if (told.get()) {
			return;
		}
		LoadDataLocal.Probe probe;
		try {
			Connection con = DataSourceUtils.getConnection(this.dataSource);
			try {
				probe = LoadDataLocal.probe(con);
				if (told.getAndSet(true)) {
					return; // another thread said it meanwhile
				}
			}
			finally {
				DataSourceUtils.releaseConnection(con, this.dataSource);
			}
		}
		catch (SQLException | RuntimeException ex) {
			// the run itself will meet the database's trouble and say so
			log.debug("could not ask the connection about LOAD DATA LOCAL: {}", ex.toString());
			return;
		}
		if (probe.chosen()) {
			log.info("bulk writes are multi-row INSERTs: {}", probe.off());
		}
		else if (probe.off() != null) {
			log.warn("LOAD DATA LOCAL is off, bulk writes are multi-row INSERTs ({}): {}. To turn it on: {}"
					+ " (docs/mysql.md, \"LOAD DATA LOCAL\")", COST, probe.off(), probe.remedy());
		}
		else {
			log.debug("bulk writes load through LOAD DATA LOCAL from {}", probe.spool());
		}
	}

	/** For tests: the next {@link #announce} logs again. */
	static void forget() {
		told.set(false);
	}

}
