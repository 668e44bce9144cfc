package com.livecommerce.incentive.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The names of the schema's two roles (sql/V19__roles_per_schema.sql): the reader role data
 * teams are given and the batch role the jobs run with. Roles are server-wide, so each schema
 * has its own: {@code incentive.roles.reader} and {@code incentive.roles.batch}, by default
 * {@code <schema>_reader} and {@code <schema>_batch}. Handed to the migrations as the
 * placeholders {@code readerRole} and {@code batchRole}.
 */
@Configuration(proxyBeanMethods = false)
public class RoleNames {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_$]{1,32}");

	/** The default reader role of {@code schema}. */
	public static String reader(String schema) {
		return schema + "_reader";
	}

	/** The default batch role of {@code schema}. */
	public static String batch(String schema) {
		return schema + "_batch";
	}

	/**
	 * @param migrate whether this context migrates: a simulation's scratch schema (a copy of the
	 * structure, never migrated, granting nothing) has no roles, so its long name is no error
	 */
	@Bean
	FlywayConfigurationCustomizer rolePlaceholders(DataSource dataSource,
			@Value("${incentive.roles.reader:}") String reader, @Value("${incentive.roles.batch:}") String batch,
			@Value("${incentive.schema.migrate:true}") boolean migrate) {
		return configuration -> {
			String schema = reader.isBlank() || batch.isBlank() ? schema(dataSource) : null;
			Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
			placeholders.put("readerRole", checked(reader.isBlank() ? reader(schema) : reader, "incentive.roles.reader",
					migrate));
			placeholders.put("batchRole", checked(batch.isBlank() ? batch(schema) : batch, "incentive.roles.batch",
					migrate));
			configuration.placeholders(placeholders);
		};
	}

	private static String checked(String name, String property, boolean migrate) {
		if (migrate && !NAME.matcher(name).matches()) {
			throw new IllegalStateException("the role name " + name + " (" + property + ", by default <schema>_reader"
					+ " or <schema>_batch) must be 1 to 32 letters, digits, _ or $: set " + property);
		}
		return name;
	}

	private static String schema(DataSource dataSource) {
		try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
			rs.next();
			return rs.getString(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot read the name of the database: " + ex.getMessage(), ex);
		}
	}

}
