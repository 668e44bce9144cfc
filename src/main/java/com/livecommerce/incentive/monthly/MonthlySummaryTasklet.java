package com.livecommerce.incentive.monthly;

import com.livecommerce.incentive.runs.MonthlyRun;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * monthly_summary per program and brand, set-based over coupon_grant, coupon_clawback,
 * coupon_expiry and coupon_usage_history, with everything as of the month's last day (the
 * brand's industry too, from brand_history; from the brand's current row only where no history
 * reaches that day, as for brands last listed before history was kept): the summary of a month
 * is the same whenever the monthly job runs.
 */
class MonthlySummaryTasklet implements Tasklet {

	private final MonthlyRun run;

	private final JdbcTemplate jdbc;

	MonthlySummaryTasklet(MonthlyRun run, JdbcTemplate jdbc) {
		this.run = run;
		this.jdbc = jdbc;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		int rows = this.jdbc.update("""
				INSERT INTO monthly_summary (pool_month, program, brand_id, industry, claims, rejected_claims,
				  coupons_requested, coupons_granted, granted_value_fen, coupons_clawed_back, coupons_expired, coupons_used,
				  coupons_unused, as_of_date)
				SELECT * FROM (
				SELECT g.pool_month, g.program, g.brand_id, COALESCE(MAX(b.industry), MAX(cur.industry), '') AS industry, COUNT(*) AS claims,
				  SUM(g.status = 'REJECTED') AS rejected_claims, SUM(g.requested_coupons) AS coupons_requested,
				  SUM(g.granted_coupons) AS coupons_granted, SUM(g.granted_coupons * g.face_value_fen) AS granted_value_fen,
				  SUM(COALESCE(c.clawed, 0)) AS coupons_clawed_back, SUM(COALESCE(e.expired, 0)) AS coupons_expired,
				  SUM(COALESCE(u.used, 0)) AS coupons_used,
				  SUM(g.granted_coupons - COALESCE(c.clawed, 0) - COALESCE(e.expired, 0) - COALESCE(u.used, 0))
				    AS coupons_unused, ? AS as_of_date
				FROM coupon_grant g
				LEFT JOIN brand_history b ON b.brand_id = g.brand_id AND b.valid_from <= ?
				  AND (b.valid_to IS NULL OR b.valid_to >= ?)
				LEFT JOIN brand cur ON cur.brand_id = g.brand_id
				LEFT JOIN (SELECT grant_id, SUM(clawed_coupons) AS clawed FROM coupon_clawback
				           WHERE pool_month = ? AND business_date <= ? GROUP BY grant_id) c ON c.grant_id = g.grant_id
				LEFT JOIN (SELECT grant_id, expired_coupons AS expired FROM coupon_expiry
				           WHERE business_date <= ?) e ON e.grant_id = g.grant_id
				LEFT JOIN (SELECT h.grant_id, h.used_coupons AS used FROM coupon_usage_history h
				           JOIN (SELECT grant_id, MAX(as_of_date) AS as_of FROM coupon_usage_history
				                 WHERE as_of_date <= ? GROUP BY grant_id) last
				             ON last.grant_id = h.grant_id AND last.as_of = h.as_of_date) u ON u.grant_id = g.grant_id
				WHERE g.pool_month = ?
				GROUP BY g.pool_month, g.program, g.brand_id) AS new
				ON DUPLICATE KEY UPDATE industry = new.industry, claims = new.claims, rejected_claims = new.rejected_claims,
				  coupons_requested = new.coupons_requested, coupons_granted = new.coupons_granted,
				  granted_value_fen = new.granted_value_fen, coupons_clawed_back = new.coupons_clawed_back,
				  coupons_expired = new.coupons_expired, coupons_used = new.coupons_used, coupons_unused = new.coupons_unused,
				  as_of_date = new.as_of_date""", this.run.lastDay(), this.run.lastDay(), this.run.lastDay(),
				this.run.poolMonth(), this.run.lastDay(),
				this.run.lastDay(), this.run.lastDay(), this.run.poolMonth());
		contribution.incrementWriteCount(rows);
		return RepeatStatus.FINISHED;
	}

}
