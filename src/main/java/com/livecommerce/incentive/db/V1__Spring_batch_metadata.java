package com.livecommerce.incentive.db;

import org.springframework.stereotype.Component;

/** The Spring Batch job repository tables (BATCH_*), from spring-batch-core's own script. */
@Component
public class V1__Spring_batch_metadata extends VendorScriptMigration {

	public V1__Spring_batch_metadata() {
		super("org/springframework/batch/core/schema-mysql.sql");
	}

}
