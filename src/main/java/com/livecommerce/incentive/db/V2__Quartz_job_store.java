package com.livecommerce.incentive.db;

import org.springframework.stereotype.Component;

/** The Quartz JDBC job store tables (QRTZ_*), from the quartz jar's InnoDB script. */
@Component
public class V2__Quartz_job_store extends VendorScriptMigration {

	public V2__Quartz_job_store() {
		super("org/quartz/impl/jdbcjobstore/tables_mysql_innodb.sql");
	}

}
