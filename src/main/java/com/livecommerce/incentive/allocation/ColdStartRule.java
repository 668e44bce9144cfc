package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.policy.Policy;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.function.Function;

/**
 * Cold start (SPEC §2.3, policy §2.1): the first session of the day (by ended_at, session_id) that
 * is a first broadcast within the library window, or a return after {@code dormant_days} × 24 h,
 * earns the claim, once per account ever. The previous broadcast of a session is the latest end,
 * before the session started, of everything known about the account: its sessions stored by any
 * run (the day's included) and every last_broadcast_ended_at a snapshot up to the day carried. A
 * late session can be older than what is known, so an account that has broadcast before is never
 * a first broadcast.
 */
final class ColdStartRule {

	private ColdStartRule() {
	}

	/**
	 * The session that claims cold-start support, if any. {@code knownEndBefore} answers, for a
	 * time, the latest end before it among the ends known apart from the day's own sessions; it
	 * is asked only when something known ended after the day's first session started (a late
	 * session, or sessions overlapping what upstream reported): otherwise
	 * {@link AccountDay#latestKnownEnd()} is that answer for every session of the day.
	 */
	static Optional<AccountDay.Session> qualifyingSession(AccountDay day, Policy.ColdStart rule,
			Function<LocalDateTime, LocalDateTime> knownEndBefore) {
		if (rule == null || day.coldStartUsed() || day.coldStartGranted() || day.libraryEntryDate() == null) {
			return Optional.empty();
		}
		LocalDate windowEnd = day.libraryEntryDate().plusDays(rule.firstBroadcastWindowDays());
		LocalDateTime firstStart = day.sessions().stream().map(AccountDay.Session::startedAt).min(LocalDateTime::compareTo)
			.orElseThrow();
		LocalDateTime known = day.latestKnownEnd();
		Function<LocalDateTime, LocalDateTime> earlier = known == null || known.isBefore(firstStart) ? time -> known
				: knownEndBefore;
		for (AccountDay.Session session : day.sessions()) {
			LocalDate endDate = session.endedAt().toLocalDate();
			if (day.libraryEntryDate().isAfter(endDate)) {
				continue;
			}
			LocalDateTime previousEnd = latest(earlier.apply(session.startedAt()), sameDayEndBefore(day, session.startedAt()));
			boolean firstBroadcast = previousEnd == null && !endDate.isAfter(windowEnd);
			boolean dormant = previousEnd != null
					&& !session.startedAt().isBefore(previousEnd.plusHours(24L * rule.dormantDays()));
			if (firstBroadcast || dormant) {
				return Optional.of(session);
			}
		}
		return Optional.empty();
	}

	/** The latest end, before {@code time}, of the day's own sessions. */
	private static LocalDateTime sameDayEndBefore(AccountDay day, LocalDateTime time) {
		LocalDateTime latest = null;
		for (AccountDay.Session s : day.sessions()) {
			if (s.endedAt().isBefore(time)) {
				latest = latest(latest, s.endedAt());
			}
		}
		return latest;
	}

	static LocalDateTime latest(LocalDateTime a, LocalDateTime b) {
		return a == null ? b : b == null || a.isAfter(b) ? a : b;
	}

}
