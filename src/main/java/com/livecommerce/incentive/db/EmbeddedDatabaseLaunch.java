package com.livecommerce.incentive.db;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Launches the embedded server's background start ({@link EmbeddedDatabaseEnvironmentPostProcessor}
 * prepared it and chose its port) once Spring has set logging up and before the context is
 * refreshed: the server starts while the beans are made, {@link EmbeddedDatabaseReady} waits for
 * it before the first connection. Registered in META-INF/spring.factories.
 */
public class EmbeddedDatabaseLaunch implements ApplicationListener<ApplicationPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationPreparedEvent event) {
		EmbeddedMariaDb.launchStarting();
	}

}
