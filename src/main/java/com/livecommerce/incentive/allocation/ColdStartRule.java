package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.policy.Policy;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
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
public final class ColdStartRule {

	private ColdStartRule() {
	}

	/** The outcome for an account-day, as recorded in eligibility_decision.cold_start. */
	public enum Outcome {

		CLAIMED,
		/** The version in force has no COLD_START program. */
		PROGRAM_ABSENT,
		/**
		 * Upstream reported the account used cold-start support before: a snapshot up to the day
		 * carried cold_start_used true ({@link ColdStartUsed}).
		 */
		COLD_START_USED,
		/** This system granted the account cold-start coupons on an earlier date. */
		GRANTED_BEFORE,
		/** The brand has no library entry date. */
		NO_LIBRARY_ENTRY,
		/** The session ended before the brand's library entry date. */
		BEFORE_LIBRARY_ENTRY,
		/** A first broadcast, but after the library window (entry + first_broadcast_window_days). */
		FIRST_BROADCAST_TOO_LATE,
		/** The account broadcast less than dormant_days × 24 h before the session started. */
		NOT_DORMANT

	}

	/**
	 * One session weighed: the end of the broadcast before it (null: none known) and what that
	 * makes of it.
	 */
	public record SessionCheck(AccountDay.Session session, LocalDateTime previousEnd, Outcome outcome) {

		public boolean claims() {
			return this.outcome == Outcome.CLAIMED;
		}

	}

	/**
	 * The rule's verdict on an account-day: its outcome, the session that claims (if any), the
	 * window's last day, and the sessions weighed (up to the one that claims; all of them when
	 * none does, or when {@code allSessions} was asked for).
	 */
	public record Evaluation(Outcome outcome, AccountDay.Session claimed, LocalDate windowEnd,
			List<SessionCheck> sessions) {
	}

	/** The session that claims cold-start support, if any. */
	static Optional<AccountDay.Session> qualifyingSession(AccountDay day, Policy.ColdStart rule,
			Function<LocalDateTime, LocalDateTime> knownEndBefore) {
		return Optional.ofNullable(evaluate(day, rule, knownEndBefore, false).claimed());
	}

	/**
	 * Weighs the day's sessions in order. {@code knownEndBefore} answers, for a time, the latest end
	 * before it among the ends known apart from the day's own sessions; it is asked only when
	 * something known ended after the day's first session started (a late session, or sessions
	 * overlapping what upstream reported): otherwise {@link AccountDay#latestKnownEnd()} is that
	 * answer for every session of the day.
	 */
	public static Evaluation evaluate(AccountDay day, Policy.ColdStart rule,
			Function<LocalDateTime, LocalDateTime> knownEndBefore, boolean allSessions) {
		if (rule == null) {
			return new Evaluation(Outcome.PROGRAM_ABSENT, null, null, List.of());
		}
		if (day.coldStartUsed()) {
			return new Evaluation(Outcome.COLD_START_USED, null, null, List.of());
		}
		if (day.coldStartGranted()) {
			return new Evaluation(Outcome.GRANTED_BEFORE, null, null, List.of());
		}
		if (day.libraryEntryDate() == null) {
			return new Evaluation(Outcome.NO_LIBRARY_ENTRY, null, null, List.of());
		}
		LocalDate windowEnd = day.libraryEntryDate().plusDays(rule.firstBroadcastWindowDays());
		LocalDateTime firstStart = day.sessions().stream().map(AccountDay.Session::startedAt).min(LocalDateTime::compareTo)
			.orElseThrow();
		LocalDateTime known = day.latestKnownEnd();
		Function<LocalDateTime, LocalDateTime> earlier = known == null || known.isBefore(firstStart) ? time -> known
				: knownEndBefore;
		List<SessionCheck> checks = new ArrayList<>();
		AccountDay.Session claimed = null;
		for (AccountDay.Session session : day.sessions()) {
			SessionCheck check = weigh(day, rule, windowEnd, earlier, session);
			checks.add(check);
			if (check.claims() && claimed == null) {
				claimed = session;
				if (!allSessions) {
					break;
				}
			}
		}
		Outcome outcome = claimed != null ? Outcome.CLAIMED : checks.get(0).outcome();
		return new Evaluation(outcome, claimed, windowEnd, List.copyOf(checks));
	}

	private static SessionCheck weigh(AccountDay day, Policy.ColdStart rule, LocalDate windowEnd,
			Function<LocalDateTime, LocalDateTime> earlier, AccountDay.Session session) {
		LocalDate endDate = session.endedAt().toLocalDate();
		if (day.libraryEntryDate().isAfter(endDate)) {
			return new SessionCheck(session, null, Outcome.BEFORE_LIBRARY_ENTRY);
		}
		LocalDateTime previousEnd = latest(earlier.apply(session.startedAt()), sameDayEndBefore(day, session.startedAt()));
		if (previousEnd == null) {
			return new SessionCheck(session, null,
					endDate.isAfter(windowEnd) ? Outcome.FIRST_BROADCAST_TOO_LATE : Outcome.CLAIMED);
		}
		boolean dormant = !session.startedAt().isBefore(previousEnd.plusHours(24L * rule.dormantDays()));
		return new SessionCheck(session, previousEnd, dormant ? Outcome.CLAIMED : Outcome.NOT_DORMANT);
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
