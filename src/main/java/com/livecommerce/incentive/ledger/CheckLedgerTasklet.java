package com.livecommerce.incentive.ledger;

import com.livecommerce.incentive.nightly.NightlyRun;
import java.time.LocalDate;
import java.util.List;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/** Last step of the night: the ledger invariants of SPEC §6 must hold, or the run fails naming the rows. */
public class CheckLedgerTasklet implements Tasklet {

	private final NightlyRun run;

	private final LedgerInvariants invariants;

	public CheckLedgerTasklet(NightlyRun run, JdbcTemplate jdbc) {
		this.run = run;
		this.invariants = new LedgerInvariants(jdbc);
	}

	/** The run's part of the ledger (see {@link LedgerInvariants#checkRun}). */
	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		LocalDate date = this.run.businessDate();
		List<String> violations = this.invariants.checkRun(date);
		if (!violations.isEmpty()) {
			throw new LedgerInvariantException("the run of " + date, violations);
		}
		return RepeatStatus.FINISHED;
	}

}
