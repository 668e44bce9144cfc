package com.livecommerce.incentive.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The scheduler's {@code /metrics} while it runs (incentive.metrics.http-port): the same registry a
 * run pushes, for a Prometheus that scrapes it. Only in the scheduler (a one-shot command ends
 * before anything could scrape it), on loopback unless incentive.metrics.http-host says otherwise.
 */
@Component
@ConditionalOnProperty(name = { "incentive.scheduler.enabled", "incentive.metrics.http-port" })
class MetricsHttpServer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MetricsHttpServer.class);

	private final PrometheusRegistry registry;

	private final int port;

	private final String host;

	private HTTPServer server;

	MetricsHttpServer(PrometheusRegistry registry, @Value("${incentive.metrics.http-port}") int port,
			@Value("${incentive.metrics.http-host:127.0.0.1}") String host) {
		this.registry = registry;
		this.port = port;
		this.host = host;
	}

	@Override
	public void start() {
		try {
			this.server = HTTPServer.builder().hostname(this.host).port(this.port).registry(this.registry).buildAndStart();
			log.info("metrics served on http://{}:{}/metrics", this.host, this.server.getPort());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot serve metrics on " + this.host + ":" + this.port, ex);
		}
	}

	@Override
	public void stop() {
		if (this.server != null) {
			this.server.close();
			this.server = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

}
