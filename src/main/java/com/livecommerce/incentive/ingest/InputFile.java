package com.livecommerce.incentive.ingest;

import java.util.List;

/**
 * The extracts of SPEC §3, in the order the nightly job ingests them: each file's references
 * point only to files ingested before it (accounts → brands, sessions → accounts …).
 * Every column must be in the header; an optional column may have empty values.
 */
public enum InputFile {

	BRANDS("brands.csv", true, List.of("brand_id", "brand_name", "industry", "has_brand_badge", "library_entry_date")),
	ACCOUNTS("accounts.csv", true,
			List.of("account_id", "brand_id", "store_id", "last_broadcast_ended_at", "cold_start_used")),
	STORE_RISK("store_risk.csv", true, List.of("store_id", "store_status", "refund_rate", "complaint_count")),
	BROADCASTS("broadcasts.csv", true, List.of("session_id", "account_id", "started_at", "ended_at", "gmv_fen",
			"order_count", "viewer_count", "watch_minutes", "new_followers")),
	VIOLATIONS("violations.csv", true, List.of("violation_id", "account_id", "type", "occurred_at", "session_id")),
	BENCHMARK_EVENTS("benchmark_events.csv", true, List.of("event_id", "account_id", "submitted_at",
			"planned_start_at", "target_gmv_fen", "review_status")),
	COUPON_USAGE("coupon_usage.csv", false, List.of("grant_id", "used_coupons", "impressions", "views", "interactions"));

	public static final String SUCCESS_MARKER = "_SUCCESS";

	private final String fileName;

	private final boolean required;

	private final List<String> columns;

	InputFile(String fileName, boolean required, List<String> columns) {
		this.fileName = fileName;
		this.required = required;
		this.columns = columns;
	}

	public String fileName() {
		return this.fileName;
	}

	/** A required file missing from the inbox means the input is not ready (exit code 3). */
	public boolean required() {
		return this.required;
	}

	public List<String> columns() {
		return this.columns;
	}

	/** Step and reader names: "ingest-broadcasts". */
	public String stepName() {
		return "ingest-" + name().toLowerCase().replace('_', '-');
	}

}
