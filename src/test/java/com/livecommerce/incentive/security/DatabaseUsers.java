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

	/** A user with exactly the given privileges (each "PRIVILEGES ON object"), and no role. */
	void createWith(String user, String password, String... grants) {
		this.admin.execute("DROP USER IF EXISTS '" + user + "'@'%'");
		this.admin.update("CREATE USER '" + user + "'@'%' IDENTIFIED BY ?", password);
		for (String grant : grants) {
			this.admin.execute("GRANT " + grant + " TO '" + user + "'@'%'");
		}
	}

	/** The users and roles of the server, and every grant of each: what a command must leave as it was. */
	java.util.List<String> accounts() {
		java.util.List<String> accounts = new java.util.ArrayList<>();
		for (java.util.Map<String, Object> u : this.admin.queryForList("SELECT User, Host FROM mysql.user ORDER BY User, Host")) {
			String name = "'" + u.get("User") + "'@'" + u.get("Host") + "'";
			accounts.add(name);
			try {
				accounts.addAll(this.admin.queryForList("SHOW GRANTS FOR " + name, String.class));
			}
			catch (org.springframework.dao.DataAccessException ex) {
				// a role or an account SHOW GRANTS cannot name: its existence is what counts
			}
		}
		return accounts;
	}

	void drop(String user) {
		this.admin.execute("DROP USER IF EXISTS '" + user + "'@'%'");
	}

}
