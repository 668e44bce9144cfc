package com.livecommerce.incentive.metrics;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Nothing configured, nothing measured: unless a metrics export (a Pushgateway, a textfile
 * directory, the scheduler's port) or structured logs (which carry the context the observations
 * set) are configured, Spring Batch's observations and meters are switched off and the run's own
 * metrics are not read, so a night without monitoring runs exactly as fast as before there was
 * any (docs/performance.md has the figure with and without).
 */
public class MetricsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Whether anything reads the metrics: set here, read by {@link RunMetrics}. */
	static final String ACTIVE = "incentive.metrics.active";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean wanted = environment.getProperty("management.prometheus.metrics.export.pushgateway.enabled",
				Boolean.class, false)
				|| StringUtils.hasText(environment.getProperty("incentive.metrics.textfile-directory"))
				|| StringUtils.hasText(environment.getProperty("incentive.metrics.http-port"))
				|| StringUtils.hasText(environment.getProperty("logging.structured.format.console"))
				|| StringUtils.hasText(environment.getProperty("logging.structured.format.file"));
		if (wanted) {
			// Spring Batch's meters per item (a timer and a long-task timer around every read and
			// process) cost a night of a million sessions several percent; job, step and chunk meters
			// are kept. MANAGEMENT_METRICS_ENABLE_SPRING_BATCH_ITEM=true turns them on (docs/operations.md).
			environment.getPropertySources()
				.addLast(new MapPropertySource("incentiveMetrics",
						Map.of(ACTIVE, "true", "management.metrics.enable.spring.batch.item", "false")));
			return;
		}
		environment.getPropertySources()
			.addFirst(new MapPropertySource("incentiveMetricsOff",
					Map.of(ACTIVE, "false", "management.observations.enable.spring.batch", "false",
							"management.metrics.enable.spring.batch", "false",
							"management.defaults.metrics.export.enabled", "false")));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
