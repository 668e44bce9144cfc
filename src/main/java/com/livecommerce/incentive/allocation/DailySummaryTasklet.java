package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.policy.Program;
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
					SELECT * FROM (
					  SELECT ? AS business_date, ? AS program, COUNT(g.grant_id) AS claims,
					    COALESCE(SUM(g.status = 'GRANTED'), 0) AS granted, COALESCE(SUM(g.status = 'PARTIAL'), 0) AS partial,
					    COALESCE(SUM(g.status = 'REJECTED'), 0) AS rejected,
					    COALESCE(SUM(g.requested_coupons), 0) AS coupons_requested,
					    COALESCE(SUM(g.granted_coupons), 0) AS coupons_granted,
					    (SELECT COALESCE(SUM(c.clawed_coupons), 0) FROM coupon_clawback c
					     WHERE c.business_date = ? AND c.program = ?) AS coupons_clawed_back,
					    ? AS monthly_cap, ? AS per_brand_monthly_cap,
					    COALESCE((SELECT p.remaining_coupons FROM pool_balance p WHERE p.pool_month = ? AND p.program = ?), 0)
					      AS pool_remaining
					  FROM coupon_grant g WHERE g.business_date = ? AND g.program = ?) AS new
					ON DUPLICATE KEY UPDATE claims = new.claims, granted = new.granted, partial = new.partial,
					  rejected = new.rejected, coupons_requested = new.coupons_requested,
					  coupons_granted = new.coupons_granted, coupons_clawed_back = new.coupons_clawed_back,
					  monthly_cap = new.monthly_cap, per_brand_monthly_cap = new.per_brand_monthly_cap,
					  pool_remaining = new.pool_remaining""", date, program.name(), date, program.name(), cap, brandCap,
					month, program.name(), date, program.name());
		}
		return RepeatStatus.FINISHED;
	}

}
