package com.livecommerce.incentive.ledger;

import com.livecommerce.incentive.nightly.NightlyRun;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/** Last step of the night: the ledger invariants of SPEC §6 must hold, or the run fails naming the rows. */
public class CheckLedgerTasklet implements Tasklet {

	private final NightlyRun run;

	private final JdbcTemplate jdbc;

	private final LedgerInvariants invariants;

	public CheckLedgerTasklet(NightlyRun run, JdbcTemplate jdbc) {
		this.run = run;
		this.jdbc = jdbc;
		this.invariants = new LedgerInvariants(jdbc);
	}

	/**
	 * The pools the run could change (the business date's month, and the months that clawbacks of
	 * the run returned coupons to), and every grant whose balance the run could change (usage
	 * reported, clawed back or expired today).
	 */
	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		LocalDate date = this.run.businessDate();
		Set<String> months = new TreeSet<>(this.jdbc.queryForList(
				"SELECT DISTINCT pool_month FROM coupon_clawback WHERE business_date = ?", String.class, date));
		months.add(YearMonth.from(date).toString());
		List<String> violations = new ArrayList<>();
		for (String month : months) {
			violations.addAll(this.invariants.check(month));
		}
		violations.addAll(this.invariants.grantBalancesAddUp("""
				(g.grant_id IN (SELECT grant_id FROM coupon_usage WHERE as_of_date = ?)
				 OR g.grant_id IN (SELECT grant_id FROM coupon_clawback WHERE business_date = ?)
				 OR g.grant_id IN (SELECT grant_id FROM coupon_expiry WHERE business_date = ?))""", date, date, date));
		if (!violations.isEmpty()) {
			throw new LedgerInvariantException("the run of " + date + " (pool months " + months + ")", violations);
		}
		return RepeatStatus.FINISHED;
	}

}
