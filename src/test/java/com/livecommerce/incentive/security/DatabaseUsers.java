package com.livecommerce.incentive.security;

import com.livecommerce.incentive.support.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Creates and drops users of the test server holding one of the roles of sql/V10__roles.sql, as
 * an operator would. Names come from the test (the database name), never from input.
 */
final class DatabaseUsers {

	private final JdbcTemplate admin;

	private final boolean mariaDb;

	DatabaseUsers(TestDatabase db) {
		this.admin = db.jdbc();
		this.mariaDb = this.admin.queryForObject("SELECT VERSION()", String.class).contains("MariaDB");
	}

	void create(String user, String password, String role) {
		this.admin.execute("DROP USER IF EXISTS '" + user + "'@'%'");
		this.admin.update("CREATE USER '" + user + "'@'%' IDENTIFIED BY ?", password);
		this.admin.execute("GRANT " + role + " TO '" + user + "'@'%'");
		this.admin.execute(this.mariaDb ? "SET DEFAULT ROLE " + role + " FOR '" + user + "'@'%'"
				: "SET DEFAULT ROLE " + role + " TO '" + user + "'@'%'");
	}

	void drop(String user) {
		this.admin.execute("DROP USER IF EXISTS '" + user + "'@'%'");
	}

}
