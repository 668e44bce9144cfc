package com.livecommerce.incentive.risk;

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
 * Unused coupons expire at the end of their grant's {@code expires_on} (grant date +
 * validity_days, Asia/Shanghai): the run of the next date records them, set-based, so every
 * grant's balance adds up. Expired coupons go back to no pool. Dates run one after another, so
 * the run after a grant's last valid day always exists; a week of slack covers the first runs of
 * a new installation.
 */
public class ExpireCouponsTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(ExpireCouponsTasklet.class);

	private static final int SLACK_DAYS = 7;

	private final NightlyRun run;

	private final JdbcTemplate jdbc;

	public ExpireCouponsTasklet(NightlyRun run, JdbcTemplate jdbc) {
		this.run = run;
		this.jdbc = jdbc;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		LocalDate date = this.run.businessDate();
		int expired = this.jdbc.update("""
				INSERT INTO coupon_expiry (grant_id, business_date, expired_coupons)
				SELECT b.grant_id, ?, b.unused_coupons FROM grant_balance b
				WHERE b.expires_on < ? AND b.expires_on >= ? AND b.unused_coupons > 0
				  AND NOT EXISTS (SELECT 1 FROM coupon_expiry e WHERE e.grant_id = b.grant_id)""", date, date,
				date.minusDays(SLACK_DAYS));
		contribution.incrementWriteCount(expired);
		if (expired > 0) {
			log.info("{} grants had unused coupons expire", expired);
		}
		return RepeatStatus.FINISHED;
	}

}
