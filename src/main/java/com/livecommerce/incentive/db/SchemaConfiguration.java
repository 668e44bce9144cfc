package com.livecommerce.incentive.db;

import org.flywaydb.core.api.output.ValidateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who changes the schema. With {@code incentive.schema.migrate=true} (the default, so the
 * embedded database and a first run need nothing else) every command applies the migrations
 * it finds pending. With {@code false} a command only checks that the database is at the
 * schema this jar needs and refuses to start otherwise; the {@code migrate} command, run as the
 * schema owner, applies them. That lets the jobs run as a user with no DDL rights
 * (role {@code incentive_batch}, sql/V10__roles.sql). With {@code incentive.schema.read-only=true}
 * (the status command) it does neither: reading must not create or change a schema.
 */
@Configuration(proxyBeanMethods = false)
class SchemaConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SchemaConfiguration.class);

	@Bean
	FlywayMigrationStrategy schemaMigrationStrategy(@Value("${incentive.schema.migrate:true}") boolean migrate,
			@Value("${incentive.schema.read-only:false}") boolean readOnly) {
		return flyway -> {
			if (readOnly) {
				return; // a command that only reads (status) leaves the schema as it finds it, even none
			}
			if (migrate) {
				int applied = flyway.migrate().migrationsExecuted;
				if (applied > 0) {
					log.info("schema: {} migration(s) applied, now at version {}", applied,
							flyway.info().current().getVersion());
				}
				return;
			}
			ValidateResult result = flyway.validateWithResult();
			if (!result.validationSuccessful) {
				// the advice first, then what differs: the first migration in question and how many there are
				String first = result.invalidMigrations.stream()
					.findFirst()
					.map(m -> m.version + " " + m.description + ": " + m.errorDetails.errorMessage.lines().findFirst().orElse(""))
					.orElse("");
				throw new SchemaNotCurrentException("the database schema is not the one this jar needs; run the `migrate`"
						+ " command as the schema owner first (" + result.invalidMigrations.size() + " migration(s) in question,"
						+ " the first: " + first + ")");
			}
		};
	}

	/** The jobs were told not to migrate and the schema is behind (or differs from) the jar's. */
	public static final class SchemaNotCurrentException extends IllegalStateException {

		SchemaNotCurrentException(String message) {
			super(message);
		}

	}

}
