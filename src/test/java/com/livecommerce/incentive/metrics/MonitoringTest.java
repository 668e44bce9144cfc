package com.livecommerce.incentive.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.ChildProcess;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.PrometheusServers;
import com.livecommerce.incentive.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The nightly job seen in Prometheus (docs/operations.md): a real Pushgateway and a real
 * Prometheus. The example nights push their metrics when the command ends, Prometheus scrapes
 * them, and its HTTP API gives the figures the tables hold; every query of the Grafana dashboard
 * is evaluated against it; the alert rules pass promtool, and fire in its unit tests for a failed
 * night, a late night and a dry pool. A command that runs no job pushes nothing; the textfile
 * passes promtool's lint.
 */
class MonitoringTest {

	private static final Path DASHBOARD = Path.of("jobs/monitoring/dashboard.json");

	@TempDir
	Path temp;

	@Test
	void aNightPushesItsFiguresAndPrometheusAnswersWithTheTables() throws Exception {
		try (TestDatabase db = TestDatabase.create();
				PrometheusServers servers = PrometheusServers.start(Files.createDirectories(this.temp.resolve("prom")))) {
			Map<String, String> push = Map.of("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ENABLED", "true",
					"MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ADDRESS", servers.pushgatewayAddress());

			// a command that runs no job pushes nothing, even configured to
			child(db, push, "status");
			assertThat(servers.pushgatewayMetrics()).doesNotContain("incentive_");

			child(db, push, "nightly", "--from", "2023-11-29", "--to", "2023-12-01", "--inbox", Cli.EXAMPLE_INBOX,
					"--out", this.temp.resolve("out").toString(), "--policy", Cli.EXAMPLE_POLICY);

			JsonNode granted = servers.awaitResult("incentive_night_coupons_granted_coupons").path("result");
			assertThat(granted).as("one series per program").hasSize(3);
			for (JsonNode series : granted) {
				String program = series.path("metric").path("program").asString();
				assertThat(series.path("metric").path("job").asString()).isEqualTo("brand-incentive-batch");
				long inTable = db.jdbc().queryForObject("""
						SELECT coupons_granted FROM daily_summary WHERE business_date = '2023-12-01' AND program = ?""",
						Long.class, program);
				assertThat(value(series)).as(program + ": coupons granted on the last night").isEqualTo(inTable);
			}
			LocalDateTime ended = db.jdbc().queryForObject("""
					SELECT MAX(e.END_TIME) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i
					  ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'nightly' AND e.STATUS = 'COMPLETED'""",
					LocalDateTime.class);
			JsonNode lastSuccess = servers.awaitResult("incentive_run_last_success_timestamp_seconds{job_name=\"nightly\"}")
				.path("result");
			assertThat(value(lastSuccess.get(0))).as("the last success, as the batch tables record it")
				.isEqualTo(ended.atZone(ZoneId.systemDefault()).toEpochSecond());
			assertThat(value(servers.awaitResult("incentive_run_exit_code{job_name=\"nightly\"}").path("result").get(0)))
				.isZero();
			assertThat(value(servers.awaitResult("incentive_night_business_date_timestamp_seconds").path("result").get(0)))
				.as("the figures are those of 2023-12-01, 00:00 Asia/Shanghai")
				.isEqualTo(1701360000L);
			long remaining = db.jdbc().queryForObject("""
					SELECT remaining_coupons FROM pool_balance WHERE pool_month = '2023-12' AND program = 'GROWTH'""",
					Long.class);
			assertThat(value(servers.awaitResult("incentive_pool_remaining_coupons{program=\"GROWTH\"}").path("result")
				.get(0))).isEqualTo(remaining);
			assertThat(servers.awaitResult("spring_batch_step_seconds_count{spring_batch_step_name=\"allocate\"}")
				.path("result")).as("Spring Batch's own step meters").isNotEmpty();
			assertThat(servers.query("spring_batch_item_read_seconds_count").path("result"))
				.as("its meters per item are off unless asked for (docs/operations.md)").isEmpty();

			// every query of the dashboard, against the real Prometheus
			List<String> empty = new ArrayList<>();
			for (JsonNode panel : JsonMapper.builder().build().readTree(DASHBOARD.toFile()).path("panels")) {
				for (JsonNode target : panel.path("targets")) {
					String expr = target.path("expr").asString().replace("$job", "brand-incentive-batch");
					if (servers.query(expr).path("result").isEmpty()) {
						empty.add(panel.path("title").asString() + ": " + expr);
					}
				}
			}
			assertThat(empty).as("dashboard queries that find nothing after three nights").isEmpty();
			assertThat(servers.firingAlerts()).as("nothing is wrong with the example nights")
				.doesNotContain("IncentiveRunFailed", "IncentiveSameDateFailedTwice", "IncentiveRejectedRowsHigh");
		}
	}

	@Test
	void theAlertRulesPassPromtoolAndFireForAFailedALateNightAndADryPool() throws Exception {
		PrometheusServers.ToolRun check = PrometheusServers.promtool("check", "rules", "alerts.yml");
		assertThat(check.exitCode()).as(check.output()).isZero();
		PrometheusServers.ToolRun test = PrometheusServers.promtool("test", "rules", "alerts.test.yml");
		assertThat(test.exitCode()).as(test.output()).isZero();
		String tests = Files.readString(Path.of("jobs/monitoring/alerts.test.yml"));
		assertThat(tests).as("the unit tests expect these alerts to fire")
			.contains("alertname: IncentiveRunFailed", "alertname: IncentiveNightlyLate",
					"alertname: IncentivePoolRanDryEarly");
	}

	@Test
	void theTextfileIsWrittenAtomicallyAndPassesPromtool() throws Exception {
		PrometheusServers.requireInstalled(PrometheusServers.PROMTOOL);
		Path textfiles = this.temp.resolve("textfile");
		try (TestDatabase db = TestDatabase.create()) {
			child(db, Map.of("INCENTIVE_METRICS_TEXTFILE_DIRECTORY", textfiles.toString()), "nightly", "--date",
					"2023-11-29", "--inbox", Cli.EXAMPLE_INBOX, "--out", this.temp.resolve("out").toString(),
					"--policy", Cli.EXAMPLE_POLICY);
		}
		Path file = textfiles.resolve(RunMetrics.TEXTFILE);
		try (var listed = Files.list(textfiles)) {
			assertThat(listed.toList()).as("no temporary file left beside it").containsExactly(file);
		}
		assertThat(Files.readString(file)).contains("incentive_run_exit_code{job_name=\"nightly\"} 0.0");
		Process lint = new ProcessBuilder(PrometheusServers.PROMTOOL.toString(), "check", "metrics")
			.redirectInput(file.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(lint.getInputStream().readAllBytes());
		assertThat(lint.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(lint.exitValue()).as(output).isZero();
	}

	private static long value(JsonNode series) {
		return Math.round(Double.parseDouble(series.path("value").get(1).asString()));
	}

	private String child(TestDatabase db, Map<String, String> environment, String... args) throws Exception {
		Path log = Files.createTempFile(this.temp, "child", ".log");
		Process process = ChildProcess.start(db, log, environment, args);
		assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(String.join(" ", args)).isTrue();
		String output = Files.readString(log);
		assertThat(process.exitValue()).as(String.join(" ", args) + "\n" + output).isZero();
		return output;
	}

}
