package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.policy.Policy;
import com.livecommerce.incentive.policy.PolicyChecks;
import com.livecommerce.incentive.policy.ProgramSettings;
import java.util.List;
import java.util.Set;

/** §二 品牌冷启动扶持 (SPEC §2.3): one claim per account ever, by {@link ColdStartRule}. */
public final class ColdStartProgram implements AccountDayProgram {

	@Override
	public String name() {
		return "COLD_START";
	}

	@Override
	public String grantIdPrefix() {
		return "CS";
	}

	@Override
	public int order() {
		return 10;
	}

	@Override
	public Class<Policy.ColdStart> settingsType() {
		return Policy.ColdStart.class;
	}

	@Override
	public void validate(ProgramSettings settings, PolicyChecks checks) {
		Policy.ColdStart c = (Policy.ColdStart) settings;
		checks.positive(c.coupons(), "coupons");
		checks.notNegative(c.firstBroadcastWindowDays(), "first_broadcast_window_days");
		checks.positive(c.dormantDays(), "dormant_days");
	}

	@Override
	public List<SheetRow> sheetRows() {
		return List.of(SheetRow.of("coupons", Policy.ColdStart.class, Policy.ColdStart::coupons),
				SheetRow.of("first_broadcast_window_days", Policy.ColdStart.class,
						Policy.ColdStart::firstBroadcastWindowDays),
				SheetRow.of("dormant_days", Policy.ColdStart.class, Policy.ColdStart::dormantDays));
	}

	@Override
	public Set<String> sweepFields() {
		return Set.of("coupons", "first_broadcast_window_days", "dormant_days");
	}

	/** Weighs the day's sessions even when the program is left out: the evaluation says PROGRAM_ABSENT. */
	@Override
	public Decision decide(AccountDay day, ProgramSettings settings, Context context) {
		Policy.ColdStart rule = (Policy.ColdStart) settings;
		ColdStartRule.Evaluation evaluation = ColdStartRule.evaluate(day, rule, context.knownEndBefore(),
				context.allSessions());
		return new Decision(evaluation.outcome().name(), evaluation.claimed(), null,
				rule == null ? 0 : rule.coupons(), evaluation, List.of());
	}

}
