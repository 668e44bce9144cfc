package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.policy.Policy;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * Cold start (SPEC §2.3, policy §2.1): the first session of the day that is a first broadcast
 * within the library window, or a return after {@code dormant_days} × 24 h, earns the claim,
 * once per account ever.
 */
final class ColdStartRule {

	private ColdStartRule() {
	}

	/** The session that claims cold-start support, if any. */
	static Optional<AccountDay.Session> qualifyingSession(AccountDay day, Policy.ColdStart rule) {
		if (rule == null || day.coldStartUsed() || day.coldStartGranted() || day.libraryEntryDate() == null) {
			return Optional.empty();
		}
		LocalDate windowEnd = day.libraryEntryDate().plusDays(rule.firstBroadcastWindowDays());
		LocalDateTime previousEnd = day.lastBroadcastEndedAt();
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
