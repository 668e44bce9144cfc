package com.livecommerce.incentive.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.ChildProcess;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.TestDatabase;
import com.livecommerce.incentive.support.Wait;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON logs as documented (LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs): every line a step writes, in
 * whichever thread, carries the job, the business date, the execution id and the step. And the
 * scheduler serves its metrics on incentive.metrics.http-port while it runs.
 */
class StructuredLogsTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path temp;

	@Test
	void everyLineOfAStepCarriesTheJobTheDateTheExecutionAndTheStep() throws Exception {
		Path log = this.temp.resolve("night.log");
		try (TestDatabase db = TestDatabase.create()) {
			// the product's logging configuration, not the tests' logback-test.xml
			Process night = ChildProcess.startProduct(db, log, Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"), "nightly",
					"--date", "2023-11-29", "--inbox", Cli.EXAMPLE_INBOX, "--out", this.temp.resolve("out").toString(),
					"--policy", Cli.EXAMPLE_POLICY);
			assertThat(night.waitFor(180, TimeUnit.SECONDS)).isTrue();
			assertThat(night.exitValue()).as(Files.readString(log)).isZero();
		}
		List<JsonNode> lines = new ArrayList<>();
		for (String line : Files.readAllLines(log)) {
			if (line.startsWith("{")) {
				lines.add(JSON.readTree(line));
			}
		}
		List<JsonNode> ofSteps = lines.stream().filter(l -> l.has("step")).toList();
		Set<String> steps = new TreeSet<>();
		Set<String> threads = new TreeSet<>();
		for (JsonNode line : ofSteps) {
			assertThat(line.path("job").asString()).as(line.toString()).isEqualTo("nightly");
			assertThat(line.path("business_date").asString()).as(line.toString()).isEqualTo("2023-11-29");
			assertThat(line.path("execution_id").asString()).as(line.toString()).isEqualTo("1");
			steps.add(line.path("step").asString());
			threads.add(line.path("process").path("thread").path("name").asString());
		}
		assertThat(steps).as("steps that log").contains("ingest-broadcasts", "apply-input", "evaluate-risk",
				"settle-benchmarks");
		assertThat(threads).as("the parallel lanes' threads too").anyMatch(t -> t.startsWith("lane-"));
		List<String> loose = lines.stream()
			.filter(l -> l.path("log").path("logger").asString().matches(".*\\.(ingest|allocation|risk|notification)\\..*"))
			.filter(l -> !l.has("step"))
			.map(JsonNode::toString)
			.toList();
		assertThat(loose).as("lines of the steps' code without their step").isEmpty();
	}

	@Test
	void theSchedulerServesItsMetricsWhileItRuns() throws Exception {
		int port;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		Path log = this.temp.resolve("scheduler.log");
		try (TestDatabase db = TestDatabase.create()) {
			Process scheduler = ChildProcess.start(db, log, Map.of("INCENTIVE_METRICS_HTTP_PORT", String.valueOf(port),
					"INCENTIVE_SCHEDULER_NIGHTLYCRON", "0 30 2 * * ? 2099", "INCENTIVE_SCHEDULER_MONTHLYCRON",
					"0 0 4 1 1 ? 2099"), "scheduler");
			try {
				Wait.until(() -> Files.readString(log).contains("started as instance"), Duration.ofSeconds(60),
						() -> Files.readString(log));
				HttpResponse<String> metrics = HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
							HttpResponse.BodyHandlers.ofString());
				assertThat(metrics.statusCode()).isEqualTo(200);
				assertThat(Files.readString(log)).contains("metrics served on http://127.0.0.1:" + port + "/metrics");
			}
			finally {
				scheduler.destroy();
				if (!scheduler.waitFor(60, TimeUnit.SECONDS)) {
					scheduler.destroyForcibly();
				}
			}
		}
	}

}
