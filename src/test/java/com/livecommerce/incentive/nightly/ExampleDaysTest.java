package com.livecommerce.incentive.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.Migrations;
import com.livecommerce.incentive.support.TableDump;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The bundled example inbox, day after day, on the test server, the embedded default and MariaDB at :3306. */
class ExampleDaysTest {

	private static final Path INBOX = Path.of("jobs/examples/inbox");

	private static final Path POLICY = Path.of("jobs/examples/policy");

	private static final List<LocalDate> DAYS = List.of(LocalDate.of(2023, 11, 29), LocalDate.of(2023, 11, 30),
			LocalDate.of(2023, 12, 1), LocalDate.of(2023, 12, 2), LocalDate.of(2023, 12, 3));

	@TempDir
	Path temp;

	@Test
	void fiveExampleDaysTwiceIntoFreshDatabasesGiveIdenticalRows() {
		try (TestDatabase db = TestDatabase.create(); TestDatabase second = TestDatabase.create()) {
			runAll(new Cli(db), "out");
			runAll(new Cli(second), "second");
			assertThat(TableDump.of(second.jdbc(), Migrations.OUTPUT_TABLES))
				.isEqualTo(TableDump.of(db.jdbc(), Migrations.OUTPUT_TABLES));
			assertThat(db.jdbc().queryForList("""
					SELECT CONCAT(business_date, ' ', file_name, ' ', rows_rejected, '/', rows_read,
					  IF(rows_redelivered > 0, CONCAT(' redelivered ', rows_redelivered), ''))
					FROM ingest_file WHERE rows_rejected > 0 OR rows_redelivered > 0 ORDER BY business_date, file_name""",
					String.class))
				.containsExactly("2023-11-29 broadcasts.csv 2/312", "2023-11-29 violations.csv 1/1",
						"2023-11-30 broadcasts.csv 2/305 redelivered 1", "2023-12-01 accounts.csv 1/153",
						"2023-12-01 broadcasts.csv 2/302", "2023-12-02 broadcasts.csv 2/314", // its exact repeat kept once
						"2023-12-02 coupon_usage.csv 1/5", "2023-12-02 store_risk.csv 1/150", "2023-12-03 benchmark_events.csv 1/10",
						"2023-12-03 broadcasts.csv 1/298");
			// usage beyond what a grant has (9 of a grant of 1) is accepted, capped, its excess recorded
			assertThat(db.jdbc().queryForList("SELECT CONCAT(kind, ' ', reported_used_coupons, '>', counted_used_coupons)"
					+ " FROM coupon_usage_adjustment WHERE business_date = '2023-12-02'", String.class)).containsExactly("CAPPED 9>1");
			// upstream dropped the counterfeiter from accounts.csv on 12-01, the day its violation came: still revoked
			assertThat(db.jdbc().queryForObject("SELECT CONCAT(status, ' ', effective_date) FROM account_status"
					+ " WHERE account_id = 'ACC-V-COUNTERFEIT'", String.class)).isEqualTo("REVOKED 2023-12-01");
			assertThat(db.jdbc().queryForObject("SELECT snapshot_date FROM account WHERE account_id = 'ACC-V-COUNTERFEIT'",
					String.class)).isEqualTo("2023-11-30");
			assertThat(db.count("brand")).isEqualTo(9);
			assertThat(db.count("violation")).isEqualTo(13);
			assertThat(db.count("benchmark_event")).isEqualTo(9);
			assertThat(db.jdbc().queryForObject("SELECT COUNT(DISTINCT business_date) FROM broadcast_session",
					Integer.class)).isEqualTo(5);

			// all three programs grant; the small example caps give partial grants and exhausted pools
			assertThat(db.jdbc().queryForList(
					"SELECT DISTINCT program FROM coupon_grant WHERE granted_coupons > 0 ORDER BY program", String.class))
				.containsExactly("BENCHMARK", "COLD_START", "GROWTH");
			assertThat(db.jdbc().queryForList("SELECT DISTINCT CONCAT(program, ' ', status, ' ', COALESCE(reject_reason, limited_by, ''))"
					+ " FROM coupon_grant WHERE status <> 'GRANTED' ORDER BY 1", String.class))
				.contains("COLD_START PARTIAL BRAND_CAP_REACHED", "COLD_START PARTIAL CAP_EXHAUSTED",
						"COLD_START REJECTED CAP_EXHAUSTED", "GROWTH REJECTED CAP_EXHAUSTED",
						"BENCHMARK PARTIAL CAP_EXHAUSTED", "GROWTH REJECTED RESTRICTED", "GROWTH REJECTED SUSPENDED",
						"GROWTH REJECTED REVOKED");
			assertThat(db.jdbc().queryForList("SELECT CONCAT(event_id, ' ', outcome) FROM benchmark_event_outcome ORDER BY event_id",
					String.class))
				.containsExactly("EV-100 SETTLED", "EV-150 SETTLED", "EV-49 NOT_REACHED", "EV-50 SETTLED",
						"EV-APPROVED-LATER SETTLED", "EV-LATE INVALID_LATE", "EV-NOSESSION NO_SESSION",
						"EV-PENDING NOT_APPROVED", "EV-REJECTED NOT_APPROVED");

			// every risk trigger of SPEC §2.7 fires somewhere in the example
			assertThat(db.jdbc().queryForList("SELECT DISTINCT CONCAT(status, ' ', clause) FROM account_status ORDER BY 1",
					String.class))
				.contains("RESTRICTED §5.2.4", "DISQUALIFIED §5.2.5", "REVOKED §5.2.5", "SUSPENDED §5.2.6",
						"REVOKED §5.2.7", "REVOKED §5.2.3", "ACTIVE §5.2.4");
			assertThat(db.jdbc().queryForList("SELECT DISTINCT clause FROM coupon_clawback ORDER BY 1", String.class))
				.containsExactly("§5.2.3", "§5.2.5", "§5.2.6", "§5.2.7");
			assertThat(db.jdbc().queryForObject(
					"SELECT CONCAT(clawed_coupons, '+', unrecoverable_coupons) FROM coupon_clawback WHERE grant_id = 'BM:EV-100'",
					String.class)).as("clawback after partial use").isEqualTo("11+4");

			assertThat(db.jdbc().queryForList("SELECT DISTINCT type FROM notification ORDER BY type", String.class))
				.containsExactly("ACCOUNT_STATUS", "CLAWBACK", "SESSION_REWARD");
			assertThat(db.count("notification_batch")).isEqualTo(5);

			Cli.Result again = new Cli(db).run("nightly", "--date", "2023-11-29", "--inbox", INBOX.toString(), "--out",
					this.temp.resolve("out").toString(), "--policy", POLICY.toString());
			assertThat(again.exitCode()).isZero();
			assertThat(again.out()).contains("already complete");
		}
	}

	/**
	 * The tests' server (the embedded MariaDB 11.4, or MySQL 8 under the profile mysql8) and the
	 * MariaDB 10.11 at 127.0.0.1:3306 end the example days with the same rows in every table.
	 */
	@Test
	void mariaDbServerOnPort3306GivesTheSameRows() {
		String url = "jdbc:mysql://127.0.0.1:3306/";
		assumeTrue(reachable(3306), "no MariaDB server at 127.0.0.1:3306");
		assumeTrue(System.getenv("SPRING_DATASOURCE_URL") == null, "the tests already run on an external server");
		JdbcTemplate admin = new JdbcTemplate(new DriverManagerDataSource(url, "root", ""));
		String name = "example_" + ProcessHandle.current().pid();
		admin.execute("DROP DATABASE IF EXISTS " + name);
		admin.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
		try (TestDatabase embedded = TestDatabase.create()) {
			assumeTrue(!embedded.serverVersion().startsWith("10.11"), "the tests' server is that MariaDB");
			runAll(new Cli(embedded), "embedded");
			runAll(new Cli(null, "--spring.datasource.url=" + url + name, "--spring.datasource.username=root",
					"--spring.datasource.password="), "external");
			Map<String, List<String>> expected = TableDump.of(embedded.jdbc(), Migrations.OUTPUT_TABLES);
			JdbcTemplate external = new JdbcTemplate(new DriverManagerDataSource(url + name, "root", ""));
			assertThat(TableDump.of(external, Migrations.OUTPUT_TABLES)).isEqualTo(expected);
		}
		finally {
			admin.execute("DROP DATABASE IF EXISTS " + name);
		}
	}

	@Test
	void withoutADatasourceUrlTheEmbeddedDatabaseKeepsResultsBetweenRuns() {
		assumeTrue(TestDatabase.embedded(), () -> TestDatabase.notEmbeddedBecause() + ", not the embedded default");
		TestDatabase.create().close(); // starts the test JVM's embedded server; the default reuses it
		Cli cli = new Cli(null, "--incentive.embedded-db.dir=" + TestDatabase.EMBEDDED_HOME);
		Cli.Result first = cli.run("nightly", "--date", "2023-11-29", "--inbox", INBOX.toString(), "--out",
				this.temp.resolve("out").toString());
		assertThat(first.exitCode()).as(first.toString()).isZero();
		Cli.Result second = cli.run("nightly", "--date", "2023-11-29", "--inbox", INBOX.toString(), "--out",
				this.temp.resolve("out").toString());
		assertThat(second.out()).contains("already complete");
	}

	private void runAll(Cli cli, String out) {
		for (LocalDate day : DAYS) {
			Cli.Result result = cli.run("nightly", "--date", day.toString(), "--inbox", INBOX.toString(), "--out",
					this.temp.resolve(out).toString(), "--policy", POLICY.toString());
			assertThat(result.exitCode()).as(day + ": " + result).isZero();
		}
	}

	private static boolean reachable(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
