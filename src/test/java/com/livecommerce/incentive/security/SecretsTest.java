package com.livecommerce.incentive.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.ChildProcess;
import com.livecommerce.incentive.db.RoleNames;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password never appears in what a run leaves behind (SPEC §5): runs made with a password, as
 * separate processes the way cron starts them (a good run, one that fails, one at DEBUG log
 * level, one refused by the server), and then every log line, every output file and every text
 * column of every table is searched for it.
 */
class SecretsTest {

	private static final String SECRET = "Sekr1t-never-logged-4711";

	@TempDir
	Path temp;

	@Test
	void aPasswordAppearsInNoLogNoFileAndNoTable() throws Exception {
		try (TestDatabase db = TestDatabase.createEmpty()) {
			assertThat(new Cli(db).run("migrate").exitCode()).isZero();
			String user = "secret_" + db.name();
			DatabaseUsers users = new DatabaseUsers(db);
			users.create(user, SECRET, RoleNames.batch(db.name()));
			try {
				TestDatabase withPassword = db.as(user, SECRET);
				Path out = this.temp.resolve("out");
				Files.writeString(Files.createDirectories(this.temp.resolve("blocked")).resolve("2023-11-30"), "a file");
				List<Integer> exits = new ArrayList<>();
				exits.add(run(withPassword, "good.log", Map.of(), "nightly", "--date", "2023-11-29", "--inbox",
						"jobs/examples/inbox", "--policy", "jobs/examples/policy", "--out", out.toString()));
				exits.add(run(withPassword, "failing.log", Map.of(), "nightly", "--date", "2023-11-30", "--inbox",
						"jobs/examples/inbox", "--policy", "jobs/examples/policy", "--out",
						this.temp.resolve("blocked").toString()));
				exits.add(run(withPassword, "debug.log", Map.of("LOGGING_LEVEL_ROOT", "DEBUG"), "status"));
				exits.add(run(db.as("nobody_" + db.name(), SECRET), "refused.log", Map.of(), "status"));
				assertThat(exits).as("good, failing (the out path is blocked), debug, refused").containsExactly(0, 1, 0, 1);
				assertThat(Files.readString(this.temp.resolve("refused.log"))).contains("Access denied");
				assertThat(Files.readString(this.temp.resolve("debug.log"))).as("the DEBUG run logged plenty")
					.contains(" DEBUG ")
					.hasSizeGreaterThan(50_000);

				List<String> leaks = new ArrayList<>();
				try (Stream<Path> files = Files.walk(this.temp)) {
					for (Path file : files.filter(Files::isRegularFile).toList()) {
						if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(SECRET)) {
							leaks.add(file.toString());
						}
					}
				}
				List<Map<String, Object>> columns = db.jdbc().queryForList("""
						SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS
						WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE IN ('char', 'varchar', 'text', 'mediumtext', 'longtext',
						  'blob', 'mediumblob', 'longblob', 'varbinary', 'json')""");
				assertThat(columns).as("text columns to search").hasSizeGreaterThan(50);
				for (Map<String, Object> column : columns) {
					String table = (String) column.get("TABLE_NAME");
					String name = (String) column.get("COLUMN_NAME");
					Long hits = db.jdbc().queryForObject(
							"SELECT COUNT(*) FROM `" + table + "` WHERE INSTR(`" + name + "`, ?) > 0", Long.class, SECRET);
					if (hits > 0) {
						leaks.add(table + "." + name);
					}
				}
				assertThat(leaks).as("where the password turned up").isEmpty();
			}
			finally {
				users.drop(user);
			}
		}
	}

	private int run(TestDatabase db, String log, Map<String, String> settings, String... args) throws Exception {
		Map<String, String> env = new java.util.HashMap<>(settings);
		env.put("INCENTIVE_SCHEMA_MIGRATE", "false");
		Process process = ChildProcess.start(db, this.temp.resolve(log), env, args);
		assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(log).isTrue();
		return process.exitValue();
	}

}
