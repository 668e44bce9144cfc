package com.livecommerce.incentive.db;

import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Holds back the DataSource until the embedded server, started in the background while the JVM
 * and Spring start ({@link EmbeddedDatabaseEnvironmentPostProcessor}), is ready: nothing connects
 * before. With a configured server there is nothing to wait for. A start that takes long says so
 * on stderr; one that fails ends the command with its one-line message.
 */
@Component
class EmbeddedDatabaseReady implements BeanPostProcessor {

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource) {
			EmbeddedMariaDb.awaitStarting(System.err);
		}
		return bean;
	}

}
