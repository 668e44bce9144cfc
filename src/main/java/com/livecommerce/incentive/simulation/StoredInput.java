package com.livecommerce.incentive.simulation;

import com.livecommerce.incentive.ingest.InputFile;
import com.livecommerce.incentive.runs.NightlyRun;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * In place of the ingest steps of a simulated night: stages the inputs of the date as the real
 * run accepted them, read from the real schema, so that apply-input and every rule after it run
 * as they did. Sessions and violations the real run of the date ingested; the brands, accounts
 * and benchmark events its snapshots held (the *_history rows of the date; an event the real run
 * recorded as WITHDRAWN by then had left the snapshot: a history row stays open after an event
 * leaves, so this is what tells); the store figures
 * that changed that day; the usage delivered that day, for the grants the simulation made. Rows
 * the real run rejected are not there: they were never input. Set-based, one statement per file.
 */
class StoredInput implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(StoredInput.class);

	private final NightlyRun run;

	private final JdbcTemplate jdbc;

	private final String real;

	StoredInput(NightlyRun run, JdbcTemplate jdbc, String realSchema) {
		this.run = run;
		this.jdbc = jdbc;
		this.real = ScratchSchema.qualifier(realSchema);
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		LocalDate date = this.run.businessDate();
		String r = this.real;
		stage(InputFile.BRANDS, """
				INSERT INTO stg_brand (business_date, line_number, brand_id, brand_name, industry, has_brand_badge,
				  library_entry_date)
				SELECT ?, 0, brand_id, brand_name, industry, has_brand_badge, library_entry_date FROM %1$sbrand_history
				WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)""".formatted(r), date, date, date);
		stage(InputFile.ACCOUNTS, """
				INSERT INTO stg_account (business_date, line_number, account_id, brand_id, store_id, last_broadcast_ended_at,
				  cold_start_used)
				SELECT ?, 0, account_id, brand_id, store_id, last_broadcast_ended_at, cold_start_used FROM %1$saccount_history
				WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)""".formatted(r), date, date, date);
		stage(InputFile.BROADCASTS, "INSERT INTO broadcast_session SELECT * FROM " + r
				+ "broadcast_session WHERE business_date = ?", date);
		stage(InputFile.STORE_RISK, """
				INSERT INTO stg_store_risk (business_date, line_number, store_id, store_status, refund_rate, complaint_count)
				SELECT ?, 0, store_id, store_status, refund_rate, complaint_count FROM %1$sstore_risk_history
				WHERE valid_from = ?""".formatted(r), date, date);
		stage(InputFile.VIOLATIONS, """
				INSERT INTO stg_violation (business_date, line_number, violation_id, account_id, type, occurred_at,
				  occurred_date, session_id)
				SELECT business_date, 0, violation_id, account_id, type, occurred_at, occurred_date, session_id
				FROM %1$sviolation WHERE business_date = ?""".formatted(r), date);
		stage(InputFile.BENCHMARK_EVENTS, """
				INSERT INTO stg_benchmark_event (business_date, line_number, event_id, account_id, submitted_at,
				  planned_start_at, target_gmv_fen, review_status)
				SELECT ?, 0, event_id, account_id, submitted_at, planned_start_at, target_gmv_fen, review_status
				FROM %1$sbenchmark_event_history h
				WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)
				  AND NOT EXISTS (SELECT 1 FROM %1$sbenchmark_event_outcome o WHERE o.event_id = h.event_id
				                  AND o.outcome = 'WITHDRAWN' AND o.decided_on <= ?)""".formatted(r), date, date, date,
				date);
		stage(InputFile.COUPON_USAGE, """
				INSERT INTO stg_coupon_usage (business_date, line_number, grant_id, used_coupons, impressions, views,
				  interactions)
				SELECT u.as_of_date, 0, u.grant_id, u.reported_used_coupons, u.impressions, u.views, u.interactions
				FROM %1$scoupon_usage_history u JOIN coupon_grant g ON g.grant_id = u.grant_id
				WHERE u.as_of_date = ?""".formatted(r), date);
		return RepeatStatus.FINISHED;
	}

	/** Stages one file's rows and records it as ingested (apply-input marks it applied). */
	private void stage(InputFile file, String sql, Object... args) {
		int rows = this.jdbc.update(sql, args);
		this.jdbc.update("""
				INSERT INTO ingest_file (business_date, file_name, sha256, state, rows_read, rows_rejected, rows_redelivered,
				  rows_redelivered_changed)
				VALUES (?, ?, 'stored input, not a file', 'STAGED', ?, 0, 0, 0)""", this.run.businessDate(),
				file.fileName(), rows);
		log.info("{}: {} rows staged from the real schema", file.fileName(), rows);
	}

}
