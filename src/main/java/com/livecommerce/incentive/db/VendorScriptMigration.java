package com.livecommerce.incentive.db;

import java.sql.Connection;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Applies a DDL script shipped inside a dependency's jar (Spring Batch's and Quartz's MySQL
 * schemas), so the tables always match the library version on the classpath and their text is
 * never copied into sql/.
 */
abstract class VendorScriptMigration extends BaseJavaMigration {

	private final String classpathScript;

	VendorScriptMigration(String classpathScript) {
		this.classpathScript = classpathScript;
	}

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		ScriptUtils.executeSqlScript(connection, new EncodedResource(new ClassPathResource(this.classpathScript), "UTF-8"),
				false, false, new String[] { "--", "#" }, ScriptUtils.DEFAULT_STATEMENT_SEPARATOR,
				ScriptUtils.DEFAULT_BLOCK_COMMENT_START_DELIMITER, ScriptUtils.DEFAULT_BLOCK_COMMENT_END_DELIMITER);
	}

	@Override
	public boolean canExecuteInTransaction() {
		return false; // MySQL DDL commits implicitly
	}

}
