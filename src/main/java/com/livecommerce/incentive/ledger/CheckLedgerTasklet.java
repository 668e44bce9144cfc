package com.livecommerce.incentive.ledger;

import com.livecommerce.incentive.nightly.NightlyRun;
import java.time.YearMonth;
import java.util.List;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/** Last step of the night: the invariants of the business date's pool month must hold, or the run fails. */
public class CheckLedgerTasklet implements Tasklet {

	private final NightlyRun run;

	private final LedgerInvariants invariants;

	public CheckLedgerTasklet(NightlyRun run, JdbcTemplate jdbc) {
		this.run = run;
		this.invariants = new LedgerInvariants(jdbc);
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		String month = YearMonth.from(this.run.businessDate()).toString();
		List<String> violations = this.invariants.check(month);
		if (!violations.isEmpty()) {
			throw new LedgerInvariantException("pool month " + month, violations);
		}
		return RepeatStatus.FINISHED;
	}

}
