package com.livecommerce.incentive.fourth;

import com.livecommerce.incentive.allocation.AccountDay;
import com.livecommerce.incentive.allocation.AccountDayProgram;
import com.livecommerce.incentive.policy.PolicyChecks;
import com.livecommerce.incentive.policy.ProgramSettings;
import java.util.List;
import java.util.Set;

/**
 * A fourth program that exists only in the tests, to prove that a program is one descriptor, its
 * rule, its texts and its registration: an account that takes part and broadcasts at least
 * {@code min_sessions} times on a day earns {@code coupons}, claimed by the session that reaches
 * the count. Registered by src/test/fourth-program (its META-INF/services and texts), which only
 * {@link FourthProgramTest}'s child JVMs have on their class path.
 */
public final class SteadyProgram implements AccountDayProgram {

	/** {@code programs.STEADY} of a policy version. */
	public record Steady(Integer monthlyCap, Integer perBrandMonthlyCap, Integer minSessions, Integer coupons)
			implements ProgramSettings {
	}

	@Override
	public String name() {
		return "STEADY";
	}

	@Override
	public String grantIdPrefix() {
		return "ST";
	}

	@Override
	public int order() {
		return 40;
	}

	@Override
	public Class<Steady> settingsType() {
		return Steady.class;
	}

	@Override
	public void validate(ProgramSettings settings, PolicyChecks checks) {
		Steady s = (Steady) settings;
		checks.positive(s.minSessions(), "min_sessions");
		checks.positive(s.coupons(), "coupons");
	}

	@Override
	public List<SheetRow> sheetRows() {
		return List.of(SheetRow.of("min_sessions", Steady.class, Steady::minSessions),
				SheetRow.of("coupons", Steady.class, Steady::coupons));
	}

	@Override
	public Set<String> sweepFields() {
		return Set.of("min_sessions", "coupons");
	}

	@Override
	public Decision decide(AccountDay day, ProgramSettings settings, Context context) {
		Steady rule = (Steady) settings;
		if (rule == null) {
			return Decision.absent();
		}
		int sessions = day.sessions().size();
		String workings = sessions + " session(s) on the day, " + rule.minSessions() + " needed";
		if (sessions < rule.minSessions()) {
			return new Decision("TOO_FEW_SESSIONS", null, null, 0, null, List.of(workings));
		}
		AccountDay.Session reaching = day.sessions().get(rule.minSessions() - 1);
		return new Decision(Decision.CLAIMED, reaching, null, rule.coupons(), null, List.of(workings));
	}

}
