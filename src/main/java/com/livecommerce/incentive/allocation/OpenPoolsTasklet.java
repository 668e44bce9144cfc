package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.pools.Pools;
import com.livecommerce.incentive.policy.Program;
import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.policy.Policy;
import com.livecommerce.incentive.policy.PolicyVersions;
import java.time.LocalDate;
import java.time.YearMonth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Before the day's claims: the month's pools exist and carry the caps of the version in force on
 * the business date (a version starting mid-month changes the caps from its first day on; a
 * program it leaves out counts as cap 0), and the version's text is recorded the first time it
 * governs a run.
 */
class OpenPoolsTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(OpenPoolsTasklet.class);

	private final NightlyRun run;

	private final JdbcTemplate jdbc;

	OpenPoolsTasklet(NightlyRun run, JdbcTemplate jdbc) {
		this.run = run;
		this.jdbc = jdbc;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		Policy policy = this.run.policyInForce().orElse(null);
		LocalDate date = this.run.businessDate();
		if (policy == null) {
			log.info("no policy version is in force on {}: the day makes no claims, every pool counts as cap 0", date);
		}
		else {
			// the launcher recorded it when the night took its date; a simulated night starts without it
			new PolicyVersions(this.jdbc).recordFirstUse(policy, date);
		}
		String month = YearMonth.from(date).toString();
		Pools pools = new Pools(this.jdbc);
		for (Program program : Program.values()) {
			// a program the version leaves out (or a day without a version) counts as cap 0 (SPEC §2.1)
			int cap = policy == null ? 0 : program.monthlyCap(policy);
			pools.open(month, program, cap, date);
		}
		return RepeatStatus.FINISHED;
	}

}
