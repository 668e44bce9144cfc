package com.livecommerce.incentive.monthly;

import com.livecommerce.incentive.ledger.LedgerInvariantException;
import com.livecommerce.incentive.ledger.LedgerInvariants;
import java.util.List;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * First step of the monthly job: every invariant of SPEC §6 over the month's pools and every one
 * of its grants. A broken one fails the run (exit 1) before the month is closed or any statement
 * goes out, and the message names the rows.
 */
class VerifyMonthTasklet implements Tasklet {

	private final MonthlyRun run;

	private final LedgerInvariants invariants;

	VerifyMonthTasklet(MonthlyRun run, JdbcTemplate jdbc) {
		this.run = run;
		this.invariants = new LedgerInvariants(jdbc);
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		List<String> violations = this.invariants.check(this.run.poolMonth());
		if (!violations.isEmpty()) {
			throw new LedgerInvariantException("month " + this.run.poolMonth(), violations);
		}
		return RepeatStatus.FINISHED;
	}

}
