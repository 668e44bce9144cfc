package com.livecommerce.incentive.support;

/**
 * Faults put into a test database with triggers: an insert that fails (the run fails there, as if
 * the database had refused the row) or one that is slow (so that a test can act while a run is
 * in a given step). Names and conditions are constants of the tests, never input.
 */
public final class Triggers {

	private Triggers() {
	}

	/** Inserts into {@code table} whose row matches {@code condition} (on NEW) fail with {@code message}. */
	public static void failInsert(TestDatabase db, String name, String table, String condition, String message) {
		db.jdbc().execute("CREATE TRIGGER " + name + " BEFORE INSERT ON " + table + " FOR EACH ROW BEGIN IF " + condition
				+ " THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '" + message + "'; END IF; END");
	}

	/** Inserts into {@code table} whose row matches {@code condition} take {@code seconds} longer. */
	public static void slowInsert(TestDatabase db, String name, String table, String condition, double seconds) {
		db.jdbc().execute("CREATE TRIGGER " + name + " BEFORE INSERT ON " + table + " FOR EACH ROW BEGIN IF " + condition
				+ " THEN DO SLEEP(" + seconds + "); END IF; END");
	}

	public static void drop(TestDatabase db, String name) {
		db.jdbc().execute("DROP TRIGGER " + name);
	}

}
