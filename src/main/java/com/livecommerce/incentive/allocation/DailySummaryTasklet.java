package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.policy.Policy;
import java.time.LocalDate;
import java.time.YearMonth;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/** Last step of the night: one daily_summary row per program, set-based from the day's grants. */
class DailySummaryTasklet implements Tasklet {

	private final NightlyRun run;

	private final JdbcTemplate jdbc;

	DailySummaryTasklet(NightlyRun run, JdbcTemplate jdbc) {
		this.run = run;
		this.jdbc = jdbc;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		LocalDate date = this.run.businessDate();
		String month = YearMonth.from(date).toString();
		Policy policy = this.run.policyInForce().orElse(null);
		for (Program program : Program.values()) {
			int cap = policy == null ? 0 : program.monthlyCap(policy);
			Integer brandCap = policy == null ? null : program.perBrandMonthlyCap(policy);
			this.jdbc.update("""
					INSERT INTO daily_summary (business_date, program, claims, granted, partial, rejected, coupons_requested,
					  coupons_granted, coupons_clawed_back, monthly_cap, per_brand_monthly_cap, pool_remaining)
					SELECT ?, ?, COUNT(g.grant_id), COALESCE(SUM(g.status = 'GRANTED'), 0),
					  COALESCE(SUM(g.status = 'PARTIAL'), 0), COALESCE(SUM(g.status = 'REJECTED'), 0),
					  COALESCE(SUM(g.requested_coupons), 0), COALESCE(SUM(g.granted_coupons), 0),
					  (SELECT COALESCE(SUM(c.clawed_coupons), 0) FROM coupon_clawback c
					   WHERE c.business_date = ? AND c.program = ?), ?, ?,
					  COALESCE((SELECT p.remaining_coupons FROM pool_balance p WHERE p.pool_month = ? AND p.program = ?), 0)
					FROM coupon_grant g WHERE g.business_date = ? AND g.program = ?
					ON DUPLICATE KEY UPDATE claims = VALUES(claims), granted = VALUES(granted), partial = VALUES(partial),
					  rejected = VALUES(rejected), coupons_requested = VALUES(coupons_requested),
					  coupons_granted = VALUES(coupons_granted), coupons_clawed_back = VALUES(coupons_clawed_back),
					  monthly_cap = VALUES(monthly_cap), per_brand_monthly_cap = VALUES(per_brand_monthly_cap),
					  pool_remaining = VALUES(pool_remaining)""", date, program.name(), date, program.name(), cap, brandCap,
					month, program.name(), date, program.name());
		}
		return RepeatStatus.FINISHED;
	}

}
