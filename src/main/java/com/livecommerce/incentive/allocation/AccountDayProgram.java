package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.policy.ProgramDescriptor;
import com.livecommerce.incentive.policy.ProgramSettings;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Function;

/**
 * A program decided per account and business date from the day's sessions (SPEC §2.2–§2.4): its
 * rule. {@link AccountDayVerdict} asks every registered account-day program, in the registry's
 * order, for each account that takes part; a decision with a session claims for it. The night
 * records the claims; explain asks again and shows the decision.
 */
public interface AccountDayProgram extends ProgramDescriptor {

	/**
	 * The program's decision on one account-day. {@code settings} is null when the version in force
	 * leaves the program out: the decision is then PROGRAM_ABSENT.
	 */
	Decision decide(AccountDay day, ProgramSettings settings, Context context);

	/**
	 * What a rule may ask beyond the day: {@code knownEndBefore} answers the latest end known before
	 * a time ({@link ColdStartRule#evaluate}); {@code allSessions} asks for every session weighed,
	 * not only up to the one that claims (explain).
	 */
	record Context(Function<LocalDateTime, LocalDateTime> knownEndBefore, boolean allSessions) {
	}

	/**
	 * @param outcome the decision's code (CLAIMED, PROGRAM_ABSENT or the program's own)
	 * @param claimed the session that claims; null when none does
	 * @param tier the tier claimed, if the program has tiers
	 * @param coupons the coupons a claim asks for
	 * @param detail the rule's own evaluation, for what records or explains it
	 * @param workings the decision in a few plain lines, for explain
	 */
	record Decision(String outcome, AccountDay.Session claimed, String tier, int coupons, Object detail,
			List<String> workings) {

		public static final String CLAIMED = "CLAIMED";

		public static final String PROGRAM_ABSENT = "PROGRAM_ABSENT";

		public static Decision absent() {
			return new Decision(PROGRAM_ABSENT, null, null, 0, null,
					List.of("the version in force leaves the program out"));
		}

	}

}
