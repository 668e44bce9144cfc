package com.livecommerce.incentive.ingest;

import java.util.List;

/**
 * The *_history tables ingest keeps of the snapshot extracts ({@link Extract}'s history
 * statements write them): one row per version of an entity, valid_from to valid_to, both
 * inclusive, valid_to null while current. What "the values of a date" means for everything that
 * reads them as of a date (explain, simulation's state as of a night).
 */
public final class SnapshotHistory {

	/** brands.csv, accounts.csv, store_risk.csv and benchmark_events.csv, in that order. */
	public static final List<String> TABLES = List.of("brand_history", "account_history", "store_risk_history",
			"benchmark_event_history");

	private SnapshotHistory() {
	}

	/**
	 * The condition that a row of {@code alias} was in force on a date: two parameters, the date
	 * twice. {@code alias} is a constant of the caller ("h", or "" for none), never input.
	 */
	public static String inForce(String alias) {
		String a = alias.isEmpty() ? "" : alias + ".";
		return a + "valid_from <= ? AND (" + a + "valid_to IS NULL OR " + a + "valid_to >= ?)";
	}

}
