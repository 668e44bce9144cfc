package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.policy.Policy;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.function.Function;

/**
 * Cold start (SPEC §2.3, policy §2.1): the first session of the day that is a first broadcast
 * within the library window, or a return after {@code dormant_days} × 24 h, earns the claim,
 * once per account ever. The previous broadcast of a session is the account's previous session
 * of the day, else the account's last_broadcast_ended_at.
 */
final class ColdStartRule {

	private ColdStartRule() {
	}

	/**
	 * The session that claims cold-start support, if any. {@code storedEndBefore} answers the
	 * latest end of the account's sessions stored by earlier runs before a given time: it is asked
	 * only when upstream's last_broadcast_ended_at is not before the day's first session started
	 * (a late-arriving session is itself "the last broadcast before D"), so it cannot be that
	 * session's previous broadcast.
	 */
	static Optional<AccountDay.Session> qualifyingSession(AccountDay day, Policy.ColdStart rule,
			Function<LocalDateTime, LocalDateTime> storedEndBefore) {
		if (rule == null || day.coldStartUsed() || day.coldStartGranted() || day.libraryEntryDate() == null) {
			return Optional.empty();
		}
		LocalDate windowEnd = day.libraryEntryDate().plusDays(rule.firstBroadcastWindowDays());
		LocalDateTime previousEnd = day.lastBroadcastEndedAt();
		AccountDay.Session first = day.sessions().get(0);
		if (previousEnd != null && !previousEnd.isBefore(first.startedAt())) {
			previousEnd = storedEndBefore.apply(first.startedAt());
		}
		for (AccountDay.Session session : day.sessions()) {
			LocalDate endDate = session.endedAt().toLocalDate();
			if (!day.libraryEntryDate().isAfter(endDate)) {
				boolean firstBroadcast = previousEnd == null && !endDate.isAfter(windowEnd);
				boolean dormant = previousEnd != null
						&& !session.startedAt().isBefore(previousEnd.plusHours(24L * rule.dormantDays()));
				if (firstBroadcast || dormant) {
					return Optional.of(session);
				}
			}
			previousEnd = session.endedAt();
		}
		return Optional.empty();
	}

}
