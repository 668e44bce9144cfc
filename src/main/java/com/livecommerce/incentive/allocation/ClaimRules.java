package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.policy.Policy;
import com.livecommerce.incentive.runs.NightlyRun;
import java.time.LocalDate;
import java.util.List;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The per-account rules of one business date ({@link AccountDayVerdict}) as a processor: every
 * account-day gets its claims (maybe none) and its decision recorded.
 */
class ClaimRules implements ItemProcessor<AccountDay, ClaimRules.Outcome> {

	/** What one account-day came to: its claims (maybe none) and its recorded decision. */
	record Outcome(List<Claim> claims, EligibilityDecisions.Decision decision) {
	}

	private final NightlyRun run;

	private final JdbcTemplate jdbc;

	ClaimRules(NightlyRun run, JdbcTemplate jdbc) {
		this.run = run;
		this.jdbc = jdbc;
	}

	@Override
	public Outcome process(AccountDay day) {
		LocalDate date = this.run.businessDate();
		Policy policy = this.run.policyInForce().orElse(null);
		AccountDayVerdict verdict = AccountDayVerdict.of(date, day, policy,
				before -> PreviousBroadcast.knownEndBefore(this.jdbc, day.accountId(), date, before), false);
		return new Outcome(verdict.claims(), new EligibilityDecisions.Decision(date, day, verdict));
	}

}
