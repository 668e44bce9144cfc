package com.livecommerce.incentive.support;

import com.livecommerce.incentive.IncentiveBatchApplication;
import java.util.List;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Brings a test database to the current schema, as any command does when it starts. */
public final class Migrations {

	private Migrations() {
	}

	public static void apply(TestDatabase db) {
		new SpringApplicationBuilder(IncentiveBatchApplication.class).web(WebApplicationType.NONE)
			.run(db.springArguments().toArray(String[]::new))
			.close();
	}

	/** The number of the newest migration in sql/ (V{n}__….sql). */
	public static int latestVersion() {
		try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of("sql"))) {
			return files.map(p -> p.getFileName().toString())
				.filter(n -> n.matches("V\\d+__.*\\.sql"))
				.mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
				.max()
				.orElseThrow();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** The output tables of SPEC §4 (the snapshot histories included) and the view over them: data_reader's. */
	public static final List<String> DATA_READER_TABLES = List.of("account_history", "account_status",
			"benchmark_event_history", "benchmark_event_outcome", "brand_history", "brand_pool_balance", "coupon_clawback",
			"coupon_grant",
			"coupon_usage_adjustment", "daily_summary", "eligibility_decision", "grant_balance", "monthly_summary", "notification",
			"notification_batch", "policy_version", "policy_version_change", "pool_balance", "rejected_input",
			"store_risk_history");

	/** The tables the jobs write, for comparing two databases. */
	public static final List<String> OUTPUT_TABLES = List.of("brand", "account", "store_risk", "broadcast_session",
			"violation", "benchmark_event", "coupon_usage", "rejected_input", "ingest_file", "stg_brand", "stg_account",
			"stg_store_risk", "ingest_redelivery", "account_day_total", "claim_baseline", "stg_violation", "stg_benchmark_event", "stg_coupon_usage", "claim",
			"coupon_grant", "pool_balance", "brand_pool_balance", "benchmark_event_outcome", "daily_summary",
			"policy_version", "account_status", "account_standing", "coupon_clawback", "coupon_expiry", "notification",
			"notification_batch", "brand_history", "account_history", "store_risk_history", "benchmark_event_history",
			"account_last_broadcast", "coupon_usage_history", "coupon_usage_adjustment", "stg_coupon_usage_usable",
			"eligibility_decision", "monthly_summary", "policy_version_change", "ingest_repeat");

}
