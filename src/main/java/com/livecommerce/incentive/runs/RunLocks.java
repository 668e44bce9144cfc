package com.livecommerce.incentive.runs;

import com.livecommerce.incentive.common.Sha256;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * One run of a job and date at a time, across processes and machines sharing the database: the
 * run holds a MySQL user lock ({@code GET_LOCK}) on a connection of its own for as long as it
 * lives. The server releases the lock the moment that connection dies, so a run whose process
 * was killed leaves a free lock behind: a STARTED execution whose lock is free is a dead run.
 */
@Component
public class RunLocks {

	/**
	 * The key of a job's sequence lock, held beside the lock of its date by every nightly run: nights
	 * run one at a time whatever their dates (no date is ever a key like it).
	 */
	public static final String SEQUENCE = "sequence";

	private final DataSource dataSource;

	public RunLocks(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** The lock of one run, held until closed (or until the process dies). */
	public static final class RunLock implements AutoCloseable {

		private final Connection connection;

		private final String name;

		private RunLock(Connection connection, String name) {
			this.connection = connection;
			this.name = name;
		}

		@Override
		public void close() {
			try (Connection c = this.connection; PreparedStatement release = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
				release.setString(1, this.name);
				release.execute();
			}
			catch (SQLException ex) {
				// the connection is gone, and with it the lock
			}
		}

	}

	/** The lock for {@code job} and {@code key} (a date or month), or null when another live run holds it. */
	public RunLock tryAcquire(String job, String key) {
		String name = null;
		Connection connection = null;
		try {
			connection = this.dataSource.getConnection();
			name = lockName(connection, job, key);
			try (PreparedStatement get = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
				get.setString(1, name);
				try (ResultSet rs = get.executeQuery()) {
					if (rs.next() && rs.getInt(1) == 1) {
						RunLock lock = new RunLock(connection, name);
						connection = null; // kept open by the lock
						return lock;
					}
					return null;
				}
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("cannot take the run lock " + name, ex);
		}
		finally {
			if (connection != null) {
				try {
					connection.close();
				}
				catch (SQLException ignored) {
					// nothing was taken
				}
			}
		}
	}

	/** Whether a live run holds the lock of {@code job} and {@code key}. */
	public boolean isHeld(String job, String key) {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement free = connection.prepareStatement("SELECT IS_FREE_LOCK(?)")) {
			free.setString(1, lockName(connection, job, key));
			try (ResultSet rs = free.executeQuery()) {
				return rs.next() && rs.getInt(1) == 0;
			}
		}
		catch (SQLException ex) {
			throw new DataAccessResourceFailureException("cannot check the run lock of " + job + " " + key, ex);
		}
	}

	/** Lock names are server-wide: the database's name keeps two installations on one server apart. */
	private static String lockName(Connection connection, String job, String key) throws SQLException {
		String full = "incentive:" + connection.getCatalog() + ":" + job + ":" + key;
		if (full.length() <= 64) {
			return full;
		}
		return "incentive:" + Sha256.of(full).substring(0, 54);
	}

}
