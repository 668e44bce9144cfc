package com.livecommerce.incentive.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus Pushgateway and a real Prometheus server (Debian's packages: .ci/run installs
 * them), started on free loopback ports for a test, Prometheus scraping the Pushgateway every
 * second with honor_labels and loading jobs/monitoring/alerts.yml. Without them the test is
 * skipped, unless {@code INCENTIVE_TEST_MONITORING=required} (CI), where it fails.
 */
public final class PrometheusServers implements AutoCloseable {

	public static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

	public static final Path PUSHGATEWAY = Path.of("/usr/bin/prometheus-pushgateway");

	public static final Path PROMTOOL = Path.of("/usr/bin/promtool");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<Process> processes = new ArrayList<>();

	private final int pushgatewayPort;

	private final int prometheusPort;

	private PrometheusServers(Path dir) throws IOException, InterruptedException {
		this.pushgatewayPort = freePort();
		this.prometheusPort = freePort();
		// Debian's build persists to /var/lib/prometheus/pushgateway.data by default: a test's own file
		start(dir.resolve("pushgateway.log"), PUSHGATEWAY.toString(),
				"--web.listen-address=127.0.0.1:" + this.pushgatewayPort,
				"--persistence.file=" + dir.resolve("pushgateway.data"));
		Path config = dir.resolve("prometheus.yml");
		Files.writeString(config, """
				global:
				  scrape_interval: 1s
				  evaluation_interval: 1s
				rule_files:
				  - %s
				scrape_configs:
				  - job_name: pushgateway
				    honor_labels: true
				    static_configs:
				      - targets: ['127.0.0.1:%d']
				""".formatted(Path.of("jobs/monitoring/alerts.yml").toAbsolutePath(), this.pushgatewayPort));
		start(dir.resolve("prometheus.log"), PROMETHEUS.toString(), "--config.file=" + config,
				"--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + this.prometheusPort);
		waitFor("http://127.0.0.1:" + this.pushgatewayPort + "/-/ready");
		waitFor("http://127.0.0.1:" + this.prometheusPort + "/-/ready");
	}

	/** Both servers, or the test skipped (failed where INCENTIVE_TEST_MONITORING=required). */
	public static PrometheusServers start(Path dir) throws IOException, InterruptedException {
		requireInstalled(PROMETHEUS, PUSHGATEWAY);
		return new PrometheusServers(dir);
	}

	public static void requireInstalled(Path... binaries) {
		for (Path binary : binaries) {
			if (!Files.isExecutable(binary)) {
				String why = binary + " is not installed (apt-get install prometheus prometheus-pushgateway)";
				if ("required".equals(System.getenv("INCENTIVE_TEST_MONITORING"))) {
					throw new AssertionError(why + ", and INCENTIVE_TEST_MONITORING=required");
				}
				Assumptions.abort(why);
			}
		}
	}

	/** host:port of the Pushgateway, as management.prometheus.metrics.export.pushgateway.address takes it. */
	public String pushgatewayAddress() {
		return "127.0.0.1:" + this.pushgatewayPort;
	}

	/** The Pushgateway's /metrics. */
	public String pushgatewayMetrics() throws IOException, InterruptedException {
		return get("http://127.0.0.1:" + this.pushgatewayPort + "/metrics");
	}

	/** {@code /api/v1/query}: the "data" of a successful answer (an AssertionError names a failed one). */
	public JsonNode query(String promql) throws IOException, InterruptedException {
		JsonNode answer = JSON.readTree(get("http://127.0.0.1:" + this.prometheusPort + "/api/v1/query?query="
				+ URLEncoder.encode(promql, StandardCharsets.UTF_8)));
		if (!"success".equals(answer.path("status").asString())) {
			throw new AssertionError("Prometheus refused " + promql + ": " + answer);
		}
		return answer.get("data");
	}

	/** The query's result once it has one (Prometheus scrapes every second), within 30 s. */
	public JsonNode awaitResult(String promql) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		JsonNode data = query(promql);
		while (data.path("result").isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(250);
			data = query(promql);
		}
		return data;
	}

	/** The firing alerts' names. */
	public List<String> firingAlerts() throws IOException, InterruptedException {
		JsonNode answer = JSON.readTree(get("http://127.0.0.1:" + this.prometheusPort + "/api/v1/alerts"));
		List<String> names = new ArrayList<>();
		answer.path("data").path("alerts").forEach(a -> {
			if ("firing".equals(a.path("state").asString())) {
				names.add(a.path("labels").path("alertname").asString());
			}
		});
		return names;
	}

	/** Runs promtool with the arguments in jobs/monitoring; its exit code and output. */
	public static ToolRun promtool(String... args) throws IOException, InterruptedException {
		requireInstalled(PROMTOOL);
		List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
		command.addAll(List.of(args));
		Process p = new ProcessBuilder(command).directory(Path.of("jobs/monitoring").toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!p.waitFor(120, TimeUnit.SECONDS)) {
			p.destroyForcibly();
			throw new AssertionError("promtool " + command + " did not finish");
		}
		return new ToolRun(p.exitValue(), output);
	}

	public record ToolRun(int exitCode, String output) {
	}

	private String get(String url) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException(url + " answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	private void waitFor(String url) throws InterruptedException, IOException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (true) {
			try {
				get(url);
				return;
			}
			catch (IOException ex) {
				if (System.nanoTime() > deadline) {
					throw new IOException(url + " not ready within 30 s", ex);
				}
				Thread.sleep(200);
			}
		}
	}

	private void start(Path log, String... command) throws IOException {
		this.processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() {
		for (Process p : this.processes) {
			p.destroy();
			try {
				if (!p.waitFor(10, TimeUnit.SECONDS)) {
					p.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				p.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
	}
}
