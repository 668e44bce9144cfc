package com.livecommerce.incentive.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.policy.Policy;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The cold-start rule alone (SPEC §2.3), without a database: windows, dormancy, late sessions. */
class ColdStartRuleTest {

	private static final Policy.ColdStart RULE = new Policy.ColdStart(2000, 50, 5, 30, 60);

	private static final LocalDate ENTRY = LocalDate.of(2023, 11, 20);

	private static final EligibilityRule.Facts FACTS = new EligibilityRule.Facts(true, "BEAUTY", "S1", "OPEN", "ACTIVE");

	private final List<LocalDateTime> asked = new ArrayList<>();

	@Test
	void aFirstBroadcastInsideTheLibraryWindowClaimsAndOnlyItsFirstSession() {
		AccountDay day = day(null, session("S1", "2023-12-01T10:00", "2023-12-01T11:00"),
				session("S2", "2023-12-01T20:00", "2023-12-01T21:00"));
		assertThat(claim(day, nothingElseKnown())).contains("S1");
		assertThat(this.asked).as("nothing known ended after the day's first session started: no lookup").isEmpty();
	}

	@Test
	void aFirstBroadcastEndingAfterTheWindowDoesNotClaim() {
		// library entry 11-20 + 30 days = 12-20: a first broadcast ending on 12-21 is too late
		assertThat(claim(day(null, session("S1", "2023-12-21T10:00", "2023-12-21T11:00")), nothingElseKnown())).isEmpty();
		assertThat(claim(day(null, session("S1", "2023-12-20T22:00", "2023-12-20T23:59")), nothingElseKnown()))
			.contains("S1");
	}

	@Test
	void dormancyIsSixtyTimesTwentyFourHoursToTheSecond() {
		LocalDateTime last = LocalDateTime.parse("2023-10-02T20:00:00");
		assertThat(claim(day(last, session("S1", "2023-12-01T20:00:00", "2023-12-01T21:00")), nothingElseKnown()))
			.contains("S1");
		assertThat(claim(day(last.plusSeconds(1), session("S1", "2023-12-01T20:00:00", "2023-12-01T21:00")),
				nothingElseKnown())).isEmpty();
	}

	@Test
	void aLateSessionOfAnAccountThatBroadcastBeforeIsNotAFirstBroadcast() {
		// something known (upstream's last broadcast: the late session's own end) lies after the
		// late session started, so the rule asks what is known before it: a broadcast on 11-25
		AccountDay day = day(LocalDateTime.parse("2023-12-01T10:00"), session("L1", "2023-12-01T09:00", "2023-12-01T10:00"),
				session("N1", "2023-12-02T20:00", "2023-12-02T21:00"));
		assertThat(claim(day, before -> LocalDateTime.parse("2023-11-25T20:00"))).isEmpty();
		assertThat(this.asked).contains(LocalDateTime.parse("2023-12-01T09:00"));
	}

	@Test
	void aLateSessionThatIsTheFirstEverClaims() {
		AccountDay day = day(LocalDateTime.parse("2023-12-01T11:00"), session("L2", "2023-12-01T10:00", "2023-12-01T11:00"),
				session("N2", "2023-12-02T20:00", "2023-12-02T21:00"));
		assertThat(claim(day, nothingElseKnown())).contains("L2");
	}

	@Test
	void overlappingSessionsCountOnlyEndsBeforeTheSessionStarted() {
		// S2 starts while S1 runs: S1's end is not before S2's start, so S2's previous broadcast is
		// the one 70 days earlier (dormant) — but S1, also dormant and first in order, claims
		LocalDateTime longAgo = LocalDateTime.parse("2023-09-20T20:00");
		AccountDay day = day(longAgo, session("S1", "2023-12-01T10:00", "2023-12-01T12:00"),
				session("S2", "2023-12-01T11:00", "2023-12-01T13:00"));
		assertThat(claim(day, nothingElseKnown())).contains("S1");
	}

	@Test
	void usedBeforeOrGrantedBeforeOrNoLibraryEntryNeverClaims() {
		AccountDay.Session s = session("S1", "2023-12-01T10:00", "2023-12-01T11:00");
		assertThat(ColdStartRule.qualifyingSession(new AccountDay("A", "B", FACTS, ENTRY, null, true, false, 0, java.math.BigDecimal.ZERO,
				List.of(s)), RULE, nothingElseKnown())).isEmpty();
		assertThat(ColdStartRule.qualifyingSession(new AccountDay("A", "B", FACTS, ENTRY, null, false, true, 0, java.math.BigDecimal.ZERO,
				List.of(s)), RULE, nothingElseKnown())).isEmpty();
		assertThat(ColdStartRule.qualifyingSession(new AccountDay("A", "B", FACTS, null, null, false, false, 0, java.math.BigDecimal.ZERO,
				List.of(s)), RULE, nothingElseKnown())).isEmpty();
	}

	private Function<LocalDateTime, LocalDateTime> nothingElseKnown() {
		return before -> null;
	}

	private Optional<String> claim(AccountDay day, Function<LocalDateTime, LocalDateTime> knownBefore) {
		return ColdStartRule.qualifyingSession(day, RULE, before -> {
			this.asked.add(before);
			return knownBefore.apply(before);
		}).map(AccountDay.Session::sessionId);
	}

	private static AccountDay day(LocalDateTime latestKnownEnd, AccountDay.Session... sessions) {
		return new AccountDay("A", "B", FACTS, ENTRY, latestKnownEnd, false, false, 0, java.math.BigDecimal.ZERO,
				List.of(sessions));
	}

	private static AccountDay.Session session(String id, String start, String end) {
		return new AccountDay.Session(id, LocalDateTime.parse(start), LocalDateTime.parse(end), 50_000);
	}

}
