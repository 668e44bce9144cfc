package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.policy.Policy;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

/** The per-account rules of one business date: its cold-start and growth claims. */
class ClaimRules implements ItemProcessor<AccountDay, List<Claim>> {

	private final NightlyRun run;

	private final JdbcTemplate jdbc;

	ClaimRules(NightlyRun run, JdbcTemplate jdbc) {
		this.run = run;
		this.jdbc = jdbc;
	}

	@Override
	public List<Claim> process(AccountDay day) {
		Policy policy = this.run.policyInForce().orElseThrow();
		List<Claim> claims = new ArrayList<>(2);
		ColdStartRule.qualifyingSession(day, policy.programs().coldStart(), before -> knownEndBefore(day, before))
			.ifPresent(s -> claims.add(claim(day, s, Program.COLD_START, null, policy.programs().coldStart().coupons(),
					policy)));
		GrowthRule.bestSession(day, policy.programs().growth())
			.ifPresent(r -> claims.add(claim(day, r.session(), Program.GROWTH, r.tier().name(), r.tier().coupons(),
					policy)));
		return claims.isEmpty() ? null : claims;
	}

	/**
	 * The latest end before {@code time} of what is known about the account apart from the day's
	 * own sessions: its sessions stored by earlier runs, and every last_broadcast_ended_at a
	 * snapshot up to the business date carried (account_history). Asked for late sessions only.
	 */
	private LocalDateTime knownEndBefore(AccountDay day, LocalDateTime time) {
		// account_day_total names the (run, end date) pairs the account has sessions in; each pair is
		// one range of the session_day_account index.
		LocalDateTime stored = this.jdbc.queryForObject("""
				SELECT MAX(s.ended_at) FROM account_day_total t
				JOIN broadcast_session s ON s.business_date = t.business_date AND s.account_id = t.account_id
				  AND s.end_date = t.end_date
				WHERE t.account_id = ? AND t.business_date < ? AND t.end_date <= ? AND s.ended_at < ?""",
				LocalDateTime.class, day.accountId(), this.run.businessDate(), time.toLocalDate(), time);
		LocalDateTime reported = this.jdbc.queryForObject("""
				SELECT MAX(last_broadcast_ended_at) FROM account_history
				WHERE account_id = ? AND valid_from <= ? AND last_broadcast_ended_at < ?""", LocalDateTime.class,
				day.accountId(), this.run.businessDate(), time);
		return ColdStartRule.latest(stored, reported);
	}

	private Claim claim(AccountDay day, AccountDay.Session session, Program program, String tier, int coupons,
			Policy policy) {
		return new Claim(program.grantId(session.sessionId()), this.run.businessDate(), program, day.accountId(),
				day.brandId(), session.sessionId(), null, tier, null, session.endedAt(), coupons, day.accountStatus(),
				policy.version());
	}

}
