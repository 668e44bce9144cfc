package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.policy.Policy;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Growth baselines of the run (SPEC §2.4), set-based, before claims are derived: for each account
 * with sessions on the business date D, the sessions stored by earlier runs (business_date &lt; D)
 * that ended in the {@code baseline_days} days before D, and their GMV, from account_day_total.
 * Replaces the run's rows in one transaction, so a restart computes them again identically.
 */
class ClaimBaselineTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(ClaimBaselineTasklet.class);

	private final NightlyRun run;

	private final JdbcTemplate jdbc;

	ClaimBaselineTasklet(NightlyRun run, JdbcTemplate jdbc) {
		this.run = run;
		this.jdbc = jdbc;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		LocalDate date = this.run.businessDate();
		this.jdbc.update("DELETE FROM claim_baseline WHERE business_date = ?", date);
		Policy.Growth growth = this.run.policyInForce().map(p -> p.programs().growth()).orElse(null);
		if (growth == null) {
			log.info("no GROWTH program in force on {}: no baselines", date);
			return RepeatStatus.FINISHED;
		}
		// Three set-based statements instead of one join: given the one join, MariaDB's optimizer
		// picks a plan that takes 100 s at a million sessions over 28 days of history; driven by
		// claim_baseline's own primary key (the run's accounts, in account order) the same sums
		// take seconds. First the run's accounts with zero, then their sums, then the zeros go
		// (an account without earlier sessions in the window has no row).
		int accounts = this.jdbc.update("""
				INSERT INTO claim_baseline (business_date, account_id, sessions, gmv_fen)
				SELECT DISTINCT ?, account_id, 0, 0 FROM broadcast_session WHERE business_date = ?""", date, date);
		this.jdbc.update("""
				INSERT INTO claim_baseline (business_date, account_id, sessions, gmv_fen)
				SELECT * FROM (
				  SELECT STRAIGHT_JOIN ? AS business_date, c.account_id, SUM(t.sessions) AS sessions, SUM(t.gmv_fen) AS gmv_fen
				  FROM claim_baseline c
				  JOIN account_day_total t ON t.account_id = c.account_id AND t.end_date >= ? AND t.end_date < ?
				  WHERE c.business_date = ? AND t.business_date < ?
				  GROUP BY c.account_id) AS new
				ON DUPLICATE KEY UPDATE sessions = new.sessions, gmv_fen = new.gmv_fen""", date,
				date.minusDays(growth.baselineDays()), date, date, date);
		int rows = accounts
				- this.jdbc.update("DELETE FROM claim_baseline WHERE business_date = ? AND sessions = 0", date);
		contribution.incrementWriteCount(rows);
		log.info("growth baselines: {} accounts with sessions in the {} days before {}", rows, growth.baselineDays(),
				date);
		return RepeatStatus.FINISHED;
	}

}
