package com.livecommerce.incentive.db;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * With no {@code spring.datasource.url} configured anywhere (properties, environment, command
 * line), starts the embedded MariaDB and points the datasource at it, so the jar runs on a
 * machine with nothing installed. Runs after the configuration files have been read.
 */
public class EmbeddedDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String DATABASE = "incentive";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))
				|| !environment.getProperty("incentive.embedded-db.enabled", Boolean.class, true)) {
			return;
		}
		Path home = Path.of(environment.getProperty("incentive.embedded-db.dir", "var/embedded-db"));
		// the server starts while Spring does; EmbeddedDatabaseReady waits for it before the first connection
		EmbeddedMariaDb.Starting db = EmbeddedMariaDb.startInBackground(home, java.util.List.of(DATABASE));
		environment.getPropertySources()
			.addFirst(new MapPropertySource("embeddedMariaDb",
					Map.of("spring.datasource.url", db.jdbcUrl(DATABASE), "spring.datasource.username", "root",
							"spring.datasource.password", "")));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
