package com.livecommerce.incentive.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.livecommerce.incentive.support.TestDatabase;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * LOAD DATA LOCAL writes exactly the rows the multi-row insert writes, and refuses what it
 * refuses: every value type and awkward text the jobs write, read back equal over both paths; a
 * duplicate key, a value too long, fail a plain load; a keep-existing load skips what is there.
 * It is used only with a path-restricted connection on a server that allows it, and leaves no
 * file behind. A server with local_infile off (MySQL 8 by default) gets it on for the duration of
 * a test (the test user is root), so that both servers' handling of a load is checked; the jobs
 * themselves then write multi-row inserts there (ExampleOutputsTest holds both to the same rows).
 */
class LoadDataLocalTest {

	private static final List<String> COLUMNS = List.of("id", "text_value", "day", "moment", "amount", "flag", "rate");

	@TempDir
	Path spool;

	private static final String TABLE = """
			CREATE TABLE load_check (
			  id         VARCHAR(64)   NOT NULL COMMENT 'key',
			  text_value VARCHAR(200)  NULL     COMMENT 'text',
			  day        DATE          NULL     COMMENT 'date',
			  moment     DATETIME(6)   NULL     COMMENT 'time',
			  amount     BIGINT        NULL     COMMENT 'integer',
			  flag       BOOLEAN       NULL     COMMENT 'boolean',
			  rate       DECIMAL(19,18) NULL    COMMENT 'fraction',
			  PRIMARY KEY (id)
			) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin""";

	private static List<Object[]> awkwardRows(String prefix, int count) {
		String[] texts = { "plain", "tab\there", "line\nbreak", "carriage\rreturn", "back\\slash", "\\N", "NULL", "",
				"品牌流量券 ¥12,345.67", "emoji 😀 and 𝄞", "trailing\\", "quote ' and \" both", "nul\0byte", "ctrl-z \u001a" };
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			rows.add(new Object[] { prefix + i, i % 15 == 14 ? null : texts[i % texts.length],
					i % 7 == 6 ? null : LocalDate.of(2023, 11, 29).plusDays(i % 40),
					LocalDateTime.of(2023, 12, 1, 0, 0).plusSeconds(i * 37L).plusNanos((i % 1000) * 1000L),
					i % 11 == 10 ? null : (long) i * 1_000_003L - 5_000_000L, i % 3 == 0 ? null : i % 2 == 0,
					i % 5 == 4 ? null : new BigDecimal("0." + String.format("%03d", i % 1000)) });
		}
		return rows;
	}

	/** A test body that needs the server to allow LOAD DATA LOCAL. */
	private interface Body {

		void run(TestDatabase db) throws Exception;

	}

	/** Runs {@code body} with local_infile on, restoring the server's setting after. */
	private static void withLocalInfile(Body body) throws Exception {
		try (TestDatabase db = TestDatabase.create()) {
			boolean off = Integer.valueOf(0).equals(db.jdbc().queryForObject("SELECT @@GLOBAL.local_infile", Integer.class));
			if (off) {
				db.jdbc().execute("SET GLOBAL local_infile = 1");
			}
			try {
				body.run(db);
			}
			finally {
				if (off) {
					db.jdbc().execute("SET GLOBAL local_infile = 0");
				}
			}
		}
	}

	/** A test body on a restricted connection that can load, with the table {@code load_check} created. */
	private interface Loading {

		void run(TestDatabase db, Connection con, Path spool, JdbcTemplate jdbc) throws Exception;

	}

	private void loading(Loading body) throws Exception {
		withLocalInfile(db -> {
			try (Connection con = restricted(db)) {
				Path spool = LoadDataLocal.availableOn(con);
				assertThat(spool).as("a restricted connection to a server that allows it").isEqualTo(this.spool.toRealPath());
				JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(con, true));
				jdbc.execute(TABLE);
				body.run(db, con, spool, jdbc);
			}
		});
	}

	/** A connection as the jobs open it: restricted to the spool directory. */
	private Connection restricted(TestDatabase db) throws SQLException {
		Properties p = new Properties();
		p.setProperty("user", "root");
		p.setProperty("password", "");
		p.setProperty(LoadDataLocal.PATH_PROPERTY, this.spool.toString());
		return DriverManager.getConnection(db.url(), p);
	}

	@Test
	void bothPathsWriteTheSameRows() throws Exception {
		loading((db, con, spool, jdbc) -> {
			jdbc.execute(TABLE.replace("load_check", "insert_check"));
			List<Object[]> rows = awkwardRows("R", 300);
			assertThat(LoadDataLocal.load(con, spool, "load_check", COLUMNS, rows, false)).isEqualTo(300);
			// the same rows as multi-row inserts: a connection without the spool directory cannot load
			new BulkInsert("insert_check", COLUMNS).insert(db.jdbc(), rows);
			String all = "SELECT id, text_value, day, moment, amount, flag, rate FROM %s ORDER BY id";
			List<Map<String, Object>> loaded = jdbc.queryForList(all.formatted("load_check"));
			assertThat(loaded).hasSize(300).isEqualTo(jdbc.queryForList(all.formatted("insert_check")));
			assertThat(loaded.stream().filter(r -> "R5".equals(r.get("id"))).findFirst().orElseThrow().get("text_value"))
				.as("the text \\N is not null").isEqualTo("\\N");
			assertThat(loaded.stream().filter(r -> r.get("text_value") == null)).isNotEmpty();
			assertThat(spoolFiles()).as("each load's file is deleted").isEmpty();
		});
	}

	@Test
	void aPlainLoadFailsOnADuplicateKeyOrATruncatedValue() throws Exception {
		loading((db, con, spool, jdbc) -> {
			LoadDataLocal.load(con, spool, "load_check", COLUMNS, awkwardRows("R", 100), false);
			assertThatThrownBy(() -> LoadDataLocal.load(con, spool, "load_check", COLUMNS, awkwardRows("R", 100), false))
				.isInstanceOf(SQLException.class)
				.hasMessageContaining("load_check")
				.hasMessageContaining("100 duplicate keys");
			List<Object[]> tooLong = awkwardRows("T", 100);
			tooLong.get(42)[1] = "x".repeat(201);
			assertThatThrownBy(() -> LoadDataLocal.load(con, spool, "load_check", COLUMNS, tooLong, true))
				.isInstanceOf(SQLException.class)
				.hasMessageContaining("text_value");
		});
	}

	/** The file is read as bytes (CHARACTER SET binary); a column's length is still counted in its characters. */
	@Test
	void aColumnsLengthIsCountedInCharactersNotBytes() throws Exception {
		loading((db, con, spool, jdbc) -> {
			List<Object[]> longest = awkwardRows("C", 100);
			longest.get(7)[1] = "券".repeat(199) + "😀";
			assertThat(LoadDataLocal.load(con, spool, "load_check", COLUMNS, longest, false)).isEqualTo(100);
			assertThat(jdbc.queryForObject("SELECT text_value FROM load_check WHERE id = 'C7'", String.class))
				.isEqualTo("券".repeat(199) + "😀");
			List<Object[]> tooLongChinese = awkwardRows("D", 100);
			tooLongChinese.get(7)[1] = "券".repeat(201);
			assertThatThrownBy(() -> LoadDataLocal.load(con, spool, "load_check", COLUMNS, tooLongChinese, false))
				.isInstanceOf(SQLException.class)
				.hasMessageContaining("text_value");
		});
	}

	@Test
	void aKeepExistingLoadSkipsTheRowsThatAreThereAndTakesTheRest() throws Exception {
		loading((db, con, spool, jdbc) -> {
			List<Object[]> first = awkwardRows("R", 150);
			LoadDataLocal.load(con, spool, "load_check", COLUMNS, first, true);
			List<Object[]> again = awkwardRows("R", 200); // 150 there already (more than the server's 64 default warnings)
			again.get(0)[1] = "changed: must not overwrite";
			assertThat(LoadDataLocal.load(con, spool, "load_check", COLUMNS, again, true)).isEqualTo(50);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM load_check", Integer.class)).isEqualTo(200);
			assertThat(jdbc.queryForObject("SELECT text_value FROM load_check WHERE id = 'R0'", String.class))
				.isEqualTo("plain");
		});
	}

	/**
	 * A keep-existing write counts exactly what it inserted, on both paths: all of them when every
	 * key was new (the staging writer then looks nothing up), -1 on the insert path when a key was
	 * there, whichever statement met it; what was there stays as it was and the rest is written.
	 */
	@Test
	void aKeepExistingWriteCountsWhatItInsertedOnBothPaths() throws Exception {
		loading((db, con, spool, jdbc) -> {
			jdbc.execute(TABLE.replace("load_check", "insert_check"));
			BulkInsert loads = BulkInsert.keepingExisting("load_check", COLUMNS, "id");
			BulkInsert inserts = BulkInsert.keepingExisting("insert_check", COLUMNS, "id");
			int rows = BulkInsert.ROWS_PER_STATEMENT * 2 + 37; // two full statements and a short one
			assertThat(loads.insertNew(jdbc, awkwardRows("R", rows))).isEqualTo(rows);
			assertThat(inserts.insertNew(db.jdbc(), awkwardRows("R", rows))).as("multi-row inserts, all new").isEqualTo(rows);

			// the next write meets one key that is there, in its second statement
			List<Object[]> next = awkwardRows("S", rows);
			next.set(BulkInsert.ROWS_PER_STATEMENT + 3, awkwardRows("R", 8).get(7));
			next.get(BulkInsert.ROWS_PER_STATEMENT + 3)[1] = "changed: must not overwrite";
			assertThat(loads.insertNew(jdbc, next)).as("a load counts what it skipped").isEqualTo(rows - 1);
			assertThat(inserts.insertNew(db.jdbc(), next)).as("an insert that met a key: unknown").isEqualTo(-1);
			for (String table : List.of("load_check", "insert_check")) {
				JdbcTemplate reader = table.equals("load_check") ? jdbc : db.jdbc();
				assertThat(reader.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class)).as(table)
					.isEqualTo(2 * rows - 1);
				assertThat(reader.queryForObject("SELECT text_value FROM " + table + " WHERE id = 'R7'", String.class))
					.as("%s: the row that was there stays", table).isEqualTo(awkwardRows("R", 8).get(7)[1]);
			}
			String all = "SELECT id, text_value, day, moment, amount, flag, rate FROM %s ORDER BY id";
			assertThat(jdbc.queryForList(all.formatted("load_check")))
				.isEqualTo(db.jdbc().queryForList(all.formatted("insert_check")));
			assertThatThrownBy(() -> new BulkInsert("insert_check", COLUMNS).insertNew(db.jdbc(), next))
				.as("only for writes that keep what is there").isInstanceOf(IllegalStateException.class);
		});
	}

	/**
	 * Inside a transaction, as the staging writer runs it: the statement that met a key is rolled
	 * back alone, the transaction goes on, and the rows are written again from that statement on,
	 * not from the first (four statements for two full ones and a short one, the second failing).
	 */
	@Test
	void aKeepExistingInsertThatMeetsAKeyGoesOnFromThatStatementInItsTransaction() throws Exception {
		try (TestDatabase db = TestDatabase.create(); Connection plain = DriverManager.getConnection(db.url(), "root", "")) {
			java.util.concurrent.atomic.AtomicInteger executed = new java.util.concurrent.atomic.AtomicInteger();
			Connection counting = (Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
					new Class<?>[] { Connection.class }, (proxy, method, args) -> {
						Object result = invoke(method, plain, args);
						if (result instanceof java.sql.PreparedStatement statement) {
							return java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
									new Class<?>[] { java.sql.PreparedStatement.class }, (p, m, a) -> {
										if (m.getName().equals("executeUpdate")) {
											executed.incrementAndGet();
										}
										return invoke(m, statement, a);
									});
						}
						return result;
					});
			JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(counting, true));
			jdbc.execute(TABLE);
			BulkInsert inserts = BulkInsert.keepingExisting("load_check", COLUMNS, "id");
			int rows = BulkInsert.ROWS_PER_STATEMENT * 2 + 37;
			assertThat(inserts.insertNew(jdbc, awkwardRows("R", rows))).isEqualTo(rows);
			assertThat(executed.get()).isEqualTo(3);

			plain.setAutoCommit(false);
			List<Object[]> next = awkwardRows("S", rows);
			next.set(BulkInsert.ROWS_PER_STATEMENT + 3, awkwardRows("R", 8).get(7));
			executed.set(0);
			assertThat(inserts.insertNew(jdbc, next)).isEqualTo(-1);
			assertThat(executed.get()).as("the first statement, the one that failed, then the rest from it on").isEqualTo(4);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM load_check", Integer.class)).as("in the transaction")
				.isEqualTo(2 * rows - 1);
			plain.rollback();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM load_check", Integer.class))
				.as("the transaction went on after the failed statement, and is rolled back whole").isEqualTo(rows);
		}
	}

	private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (java.lang.reflect.InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	@Test
	void onlyAPathRestrictedConnectionLoads() throws Exception {
		try (TestDatabase db = TestDatabase.create()) {
			try (Connection plain = DriverManager.getConnection(db.url(), "root", "")) {
				assertThat(LoadDataLocal.availableOn(plain)).as("no spool directory named").isNull();
			}
			Properties open = new Properties();
			open.setProperty("user", "root");
			open.setProperty("password", "");
			open.setProperty(LoadDataLocal.PATH_PROPERTY, this.spool.toString());
			open.setProperty("allowLoadLocalInfile", "true");
			try (Connection unrestricted = DriverManager.getConnection(db.url(), open)) {
				assertThat(LoadDataLocal.availableOn(unrestricted)).as("a connection that would send any file").isNull();
			}
			open.remove("allowLoadLocalInfile");
			open.setProperty(LoadDataLocal.PATH_PROPERTY, this.spool.resolve("it's here").toString());
			try (Connection quoted = DriverManager.getConnection(db.url(), open)) {
				assertThat(LoadDataLocal.availableOn(quoted)).as("a path that would need quoting in the statement").isNull();
			}
		}
	}

	@Test
	void theJobsSpoolDirectoryIsTheOwnersAlone() throws Exception {
		org.springframework.mock.env.MockEnvironment environment = new org.springframework.mock.env.MockEnvironment();
		new com.livecommerce.incentive.db.LoadDataLocalEnvironmentPostProcessor().postProcessEnvironment(environment,
				new org.springframework.boot.SpringApplication());
		Path dir = Path.of(environment.getProperty(
				"spring.datasource.hikari.data-source-properties." + LoadDataLocal.PATH_PROPERTY));
		assertThat(dir).isDirectory();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
		org.springframework.mock.env.MockEnvironment off = new org.springframework.mock.env.MockEnvironment()
			.withProperty("incentive.database.load-data-local", "false");
		new com.livecommerce.incentive.db.LoadDataLocalEnvironmentPostProcessor().postProcessEnvironment(off,
				new org.springframework.boot.SpringApplication());
		assertThat(off.getProperty("spring.datasource.hikari.data-source-properties." + LoadDataLocal.PATH_PROPERTY))
			.as("switched off: the connections cannot load local files at all").isNull();
	}

	@Test
	void aConfiguredSpoolDirectoryWithOtherFilesInItIsRefused(@TempDir Path configured) throws Exception {
		Path spool = configured.resolve("spool");
		Files.createDirectories(spool);
		Files.writeString(spool.resolve("load-123.tsv"), "left by a killed process\n");
		org.springframework.mock.env.MockEnvironment environment = new org.springframework.mock.env.MockEnvironment()
			.withProperty("incentive.database.load-data-dir", spool.toString());
		new com.livecommerce.incentive.db.LoadDataLocalEnvironmentPostProcessor().postProcessEnvironment(environment,
				new org.springframework.boot.SpringApplication());
		assertThat(environment.getProperty("spring.datasource.hikari.data-source-properties." + LoadDataLocal.PATH_PROPERTY))
			.isEqualTo(spool.toRealPath().toString());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spool))).isEqualTo("rwx------");

		Files.writeString(spool.resolve("credentials.txt"), "not for the server\n");
		org.springframework.mock.env.MockEnvironment refused = new org.springframework.mock.env.MockEnvironment()
			.withProperty("incentive.database.load-data-dir", spool.toString());
		assertThatThrownBy(() -> new com.livecommerce.incentive.db.LoadDataLocalEnvironmentPostProcessor()
			.postProcessEnvironment(refused, new org.springframework.boot.SpringApplication()))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("credentials.txt");
	}

	private List<Path> spoolFiles() throws Exception {
		try (Stream<Path> files = Files.list(this.spool)) {
			return files.toList();
		}
	}

}
