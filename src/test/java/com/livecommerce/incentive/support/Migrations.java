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

	/** The tables the nightly job writes, for comparing two databases. */
	public static final List<String> OUTPUT_TABLES = List.of("brand", "account", "store_risk", "broadcast_session",
			"violation", "benchmark_event", "coupon_usage", "rejected_input", "ingest_file", "stg_brand", "stg_account",
			"stg_store_risk", "ingest_redelivery", "account_day_total", "claim_baseline", "stg_violation", "stg_benchmark_event", "stg_coupon_usage", "claim",
			"coupon_grant", "pool_balance", "brand_pool_balance", "benchmark_event_outcome", "daily_summary",
			"policy_version", "account_status", "account_standing", "coupon_clawback", "coupon_expiry", "notification",
			"notification_batch");

}
