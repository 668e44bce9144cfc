package com.livecommerce.incentive.metrics;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the run's metrics go besides a Pushgateway (which Spring Boot's own
 * {@code management.prometheus.metrics.export.pushgateway.*} properties configure):
 *
 * @param textfileDirectory a node_exporter textfile collector's directory: every run writes
 * {@code brand_incentive_batch.prom} there, atomically; null: none
 * @param httpPort the port the scheduler serves {@code /metrics} on while it runs (0 or null: none)
 */
@ConfigurationProperties("incentive.metrics")
public record MetricsProperties(Path textfileDirectory, Integer httpPort) {
}
