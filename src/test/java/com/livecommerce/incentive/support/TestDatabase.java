package com.livecommerce.incentive.support;

import com.livecommerce.incentive.db.EmbeddedMariaDb;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A real MySQL-compatible server for tests: the one {@code SPRING_DATASOURCE_URL} points at
 * (CI may use the machine's MariaDB), else MySQL 8 when the Maven profile mysql8 is on
 * ({@link MySql8Server}), else the embedded MariaDB; started once per test JVM.
 * Every test gets a database of its own, dropped when the test ends.
 */
public final class TestDatabase implements AutoCloseable {

	public static final Path EMBEDDED_HOME = Path.of("target/test-embedded-db");

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private static Server server;

	/** A database migrated to the current schema, copied by {@link #create}. */
	private static TestDatabase migrated;

	private final String name;

	private final String url;

	/**
	 * The test's connections, a few kept open: a new connection costs 10-40 ms here, a query on an
	 * open one about 1 ms, and a table dump makes dozens.
	 */
	private final HikariDataSource pool;

	private final JdbcTemplate jdbc;

	private final String username;

	private final String password;

	/** Whether closing drops the database (a view as another user does not own it). */
	private final boolean owner;

	private TestDatabase(String name, String url, String username, String password, boolean owner) {
		this.name = name;
		this.url = url;
		this.username = username;
		this.password = password;
		this.owner = owner;
		this.pool = new HikariDataSource();
		this.pool.setPoolName(name + (owner ? "" : "-as-" + username));
		this.pool.setJdbcUrl(url);
		this.pool.setUsername(username);
		this.pool.setPassword(password);
		this.pool.setMaximumPoolSize(4);
		this.pool.setMinimumIdle(0); // none opened before a test asks: many databases never see a query of the test's
		this.jdbc = new JdbcTemplate(this.pool);
	}

	/** {@code outlivesTheJvm}: a server this JVM did not start (the others stop when it exits, their data with them). */
	record Server(String baseUrl, String query, String username, String password, boolean outlivesTheJvm) {

		String url(String database) {
			return this.baseUrl + "/" + database + this.query;
		}

	}

	/**
	 * A database at the current schema with nothing in it, as a command leaves a database it has
	 * migrated: a copy of one migrated once per test JVM (a migration from scratch costs seconds,
	 * a copy a fraction; the suite makes hundreds). The copy has no grants: a test of the roles'
	 * grants (V10) migrates a database of its own ({@link #createEmpty}).
	 */
	public static synchronized TestDatabase create() {
		if (migrated == null) {
			TestDatabase template = createEmpty();
			Migrations.apply(template);
			// Dropped only on a server that outlives the JVM. The embedded server and MySQL 8 stop in
			// shutdown hooks of their own, which run alongside this one: a DROP sent to a server that
			// has just stopped waited out the pool's connection timeout (30 s), and Surefire killed
			// the forked JVM at the end of every test run. Their data directories go with them.
			boolean outlivesTheJvm = server().outlivesTheJvm();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					if (outlivesTheJvm) {
						template.close();
					}
					else {
						template.pool.close();
					}
				}
				catch (RuntimeException ex) {
					// the server may be gone already; its data goes with it
				}
			}, "test-template-drop"));
			migrated = template;
		}
		return copyOf(migrated);
	}

	/** A database with no tables at all: the commands migrate it when they start. */
	public static synchronized TestDatabase createEmpty() {
		Server s = server();
		String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
		JdbcTemplate admin = new JdbcTemplate(new DriverManagerDataSource(s.url(""), s.username(), s.password()));
		admin.execute("DROP DATABASE IF EXISTS " + name);
		admin.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
		return new TestDatabase(name, s.url(name), s.username(), s.password(), true);
	}

	/** A database created on another server (e.g. one a test stops and starts), dropped on close. */
	public static TestDatabase createOn(String baseUrl, String username, String password) {
		String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
		new JdbcTemplate(new DriverManagerDataSource(baseUrl + "/", username, password))
			.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
		return new TestDatabase(name, baseUrl + "/" + name, username, password, true);
	}

	/**
	 * A new database on the same server holding exactly what {@code template} holds (every table's
	 * rows, the job repository's and Flyway's included, and its views): a state reached once, taken
	 * as the starting point of many tests. Names come from information_schema, never from input.
	 */
	public static TestDatabase copyOf(TestDatabase template) {
		TestDatabase copy = createEmpty();
		List<Map<String, Object>> objects = template.jdbc.queryForList("""
				SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?
				ORDER BY TABLE_TYPE, TABLE_NAME""", template.name);
		copy.jdbc.execute((ConnectionCallback<Void>) connection -> {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET FOREIGN_KEY_CHECKS = 0");
				for (Map<String, Object> object : objects) {
					String table = (String) object.get("TABLE_NAME");
					String from = "`" + template.name + "`.`" + table + "`";
					String to = "`" + copy.name + "`.`" + table + "`";
					if ("VIEW".equals(object.get("TABLE_TYPE"))) {
						try (ResultSet view = statement.executeQuery("SHOW CREATE VIEW " + from)) {
							view.next();
							String create = view.getString(2).replace("`" + template.name + "`.", "`" + copy.name + "`.");
							statement.execute(create);
						}
					}
					else {
						// as the template has it, foreign keys and AUTO_INCREMENT included (CREATE TABLE … LIKE drops both)
						try (ResultSet create = statement.executeQuery("SHOW CREATE TABLE " + from)) {
							create.next();
							statement.execute(create.getString(2));
						}
						statement.execute("INSERT INTO " + to + " SELECT * FROM " + from);
					}
				}
				statement.execute("SET FOREIGN_KEY_CHECKS = 1");
			}
			return null;
		});
		return copy;
	}

	/** The same database as another user of the server; closing it drops nothing. */
	public TestDatabase as(String user, String userPassword) {
		return new TestDatabase(this.name, this.url, user, userPassword, false);
	}

	/** Whether tests run on the embedded MariaDB (not on one named by SPRING_DATASOURCE_URL, nor on MySQL 8). */
	public static boolean embedded() {
		return notEmbeddedBecause() == null;
	}

	/** Why the tests' server is not the embedded one, or null when it is: a test's skip says it. */
	public static String notEmbeddedBecause() {
		if (System.getenv("SPRING_DATASOURCE_URL") != null) {
			return "SPRING_DATASOURCE_URL is set: the tests run on that server";
		}
		if (MySql8Server.wanted()) {
			return "the Maven profile mysql8 is on: the tests run on their own MySQL 8";
		}
		return null;
	}

	/** The server's version, e.g. "8.0.33" or "11.4.5-MariaDB". */
	public String serverVersion() {
		return this.jdbc.queryForObject("SELECT VERSION()", String.class);
	}

	/** Whether the tests' server is MySQL (not MariaDB). */
	public boolean onMySql() {
		return !serverVersion().contains("MariaDB");
	}

	private static Server server() {
		if (server != null) {
			return server;
		}
		String configured = System.getenv("SPRING_DATASOURCE_URL");
		if (configured != null) {
			Matcher m = Pattern.compile("(jdbc:[a-z]+://[^/?]+)(?:/[^?]*)?(\\?.*)?").matcher(configured);
			if (!m.matches()) {
				throw new IllegalStateException("cannot read host and port from SPRING_DATASOURCE_URL " + configured);
			}
			String user = System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "root");
			String password = System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", "");
			server = new Server(m.group(1), m.group(2) == null ? "" : m.group(2), user, password, true);
		}
		else if (MySql8Server.wanted()) {
			server = new Server("jdbc:mysql://127.0.0.1:" + MySql8Server.start().port(), "", "root", "", false);
		}
		else {
			deleteRecursively(EMBEDDED_HOME.resolve("data")); // a fresh server for every test run
			EmbeddedMariaDb db = EmbeddedMariaDb.start(EMBEDDED_HOME);
			server = new Server("jdbc:mysql://127.0.0.1:" + db.port(), "", "root", "", false);
		}
		return server;
	}

	public String name() {
		return this.name;
	}

	public String url() {
		return this.url;
	}

	public JdbcTemplate jdbc() {
		return this.jdbc;
	}

	/** Another schema of the same server, as this database's user (e.g. a simulation's scratch schema). */
	public JdbcTemplate jdbcOn(String schema) {
		return new JdbcTemplate(new DriverManagerDataSource(this.url.replaceFirst("/" + this.name + "(?=$|\\?)", "/" + schema),
				this.username, this.password));
	}

	/** Spring properties that point the jar at this database. */
	public List<String> springArguments() {
		return List.of("--spring.datasource.url=" + this.url, "--spring.datasource.username=" + this.username,
				"--spring.datasource.password=" + this.password);
	}

	public long count(String table) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
	}

	@Override
	public void close() {
		try {
			if (this.owner) {
				this.jdbc.execute("DROP DATABASE IF EXISTS " + this.name);
				// the roles its migrations created are server-wide: they go with it (sql/V19)
				for (String role : java.util.List.of(com.livecommerce.incentive.db.RoleNames.reader(this.name),
						com.livecommerce.incentive.db.RoleNames.batch(this.name))) {
					try {
						this.jdbc.execute("DROP ROLE IF EXISTS " + role);
					}
					catch (org.springframework.dao.DataAccessException ex) {
						// a server that never had it
					}
				}
			}
		}
		finally {
			this.pool.close();
		}
	}

	public static void deleteRecursively(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> walk = Files.walk(dir)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(p);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
