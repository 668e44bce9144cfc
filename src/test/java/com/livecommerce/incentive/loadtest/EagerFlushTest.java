package com.livecommerce.incentive.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.TestDatabase;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The benchmark's settle asks the server to flush, and leaves its settings as they were. */
class EagerFlushTest {

	@Test
	void theServerFlushesEverythingMeanwhileAndGetsItsSettingsBack() {
		try (TestDatabase db = TestDatabase.createEmpty()) {
			Map<String, String> before = variables(db.jdbc());
			try (EagerFlush flush = EagerFlush.ask(db.jdbc(), ServerSettings.of(db.jdbc()))) {
				assertThat(flush.describe()).startsWith("flushing at up to " + before.get("innodb_io_capacity_max") + " pages a second");
				Map<String, String> during = variables(db.jdbc());
				assertThat(new BigDecimal(during.get("innodb_max_dirty_pages_pct"))).isZero();
				assertThat(new BigDecimal(during.get("innodb_max_dirty_pages_pct_lwm"))).isZero();
				assertThat(during.get("innodb_io_capacity")).isEqualTo(before.get("innodb_io_capacity_max"));
			}
			assertThat(variables(db.jdbc())).isEqualTo(before);
		}
	}

	@Test
	void aUserWhoMayNotSetGlobalVariablesChangesNothingAndIsTold() {
		try (TestDatabase db = TestDatabase.createEmpty()) {
			Map<String, String> before = variables(db.jdbc());
			String user = "flush_" + db.name(); // from the test, never input
			db.jdbc().execute("DROP USER IF EXISTS '" + user + "'@'%'");
			db.jdbc().update("CREATE USER '" + user + "'@'%' IDENTIFIED BY ?", "pw-flush");
			try {
				db.jdbc().execute("GRANT SELECT ON " + db.name() + ".* TO '" + user + "'@'%'");
				try (TestDatabase asUser = db.as(user, "pw-flush"); EagerFlush flush = EagerFlush.ask(asUser.jdbc(), ServerSettings.of(asUser.jdbc()))) {
					assertThat(flush.describe()).startsWith("not asked to flush: ").contains("Access denied");
				}
				assertThat(variables(db.jdbc())).isEqualTo(before);
			}
			finally {
				db.jdbc().execute("DROP USER IF EXISTS '" + user + "'@'%'");
			}
		}
	}

	private static Map<String, String> variables(JdbcTemplate jdbc) {
		Map<String, String> variables = new TreeMap<>();
		jdbc.query("SHOW GLOBAL VARIABLES WHERE Variable_name IN ('innodb_max_dirty_pages_pct',"
				+ " 'innodb_max_dirty_pages_pct_lwm', 'innodb_io_capacity', 'innodb_io_capacity_max')", rs -> {
			variables.put(rs.getString(1), rs.getString(2));
		});
		assertThat(variables).hasSize(4);
		return variables;
	}

}
