package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.nightly.NightlyRun;
import com.livecommerce.incentive.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** The per-account rules of one business date: its cold-start and growth claims. */
class ClaimRules implements ItemProcessor<AccountDay, List<Claim>> {

	private final NightlyRun run;

	ClaimRules(NightlyRun run) {
		this.run = run;
	}

	@Override
	public List<Claim> process(AccountDay day) {
		Policy policy = this.run.policyInForce().orElseThrow();
		List<Claim> claims = new ArrayList<>(2);
		ColdStartRule.qualifyingSession(day, policy.programs().coldStart())
			.ifPresent(s -> claims.add(claim(day, s, Program.COLD_START, null, policy.programs().coldStart().coupons(),
					policy)));
		GrowthRule.bestSession(day, policy.programs().growth())
			.ifPresent(r -> claims.add(claim(day, r.session(), Program.GROWTH, r.tier().name(), r.tier().coupons(),
					policy)));
		return claims.isEmpty() ? null : claims;
	}

	private Claim claim(AccountDay day, AccountDay.Session session, Program program, String tier, int coupons,
			Policy policy) {
		return new Claim(program.grantId(session.sessionId()), this.run.businessDate(), program, day.accountId(),
				day.brandId(), session.sessionId(), null, tier, null, session.endedAt(), coupons, day.accountStatus(),
				policy.version());
	}

}
