package com.livecommerce.incentive.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.policy.Policy;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark rule alone (SPEC §2.5): lead time, window, closest first, milestones. */
class BenchmarkRuleTest {

	private static final Policy.Benchmark RULE = new Policy.Benchmark(40, null, 14, 6,
			List.of(new Policy.Milestone(50, 5), new Policy.Milestone(100, 10), new Policy.Milestone(150, 15)));

	private static final LocalDateTime PLANNED = LocalDateTime.of(2023, 12, 1, 20, 0);

	record S(String id, LocalDateTime startedAt) {
	}

	@Test
	void leadDaysAreCalendarDaysAndFourteenAreEnough() {
		assertThat(BenchmarkRule.filedInTime(RULE, LocalDateTime.of(2023, 11, 17, 23, 59), PLANNED)).isTrue();
		assertThat(BenchmarkRule.filedInTime(RULE, LocalDateTime.of(2023, 11, 18, 0, 0), PLANNED)).isFalse();
	}

	@Test
	void theClosestSessionInTheWindowMatchesTiesGoToTheEarlierAndTakenOnesAreSkipped() {
		List<S> sessions = List.of(new S("A", PLANNED.minusHours(7)), new S("B", PLANNED.minusHours(2)),
				new S("C", PLANNED.plusHours(2)), new S("D", PLANNED.plusHours(6)));
		assertThat(BenchmarkRule.candidates(RULE, PLANNED, sessions, S::startedAt)).extracting(S::id)
			.containsExactly("B", "C", "D");
		assertThat(BenchmarkRule.match(RULE, PLANNED, sessions, S::startedAt, s -> false).id()).isEqualTo("B");
		assertThat(BenchmarkRule.match(RULE, PLANNED, sessions, S::startedAt, s -> s.id().equals("B")).id())
			.isEqualTo("C");
		assertThat(BenchmarkRule.match(RULE, PLANNED, List.of(sessions.get(0)), S::startedAt, s -> false)).isNull();
	}

	@Test
	void milestonesAreReachedExactlyAndAddUp() {
		assertThat(BenchmarkRule.reached(RULE, 1_000_000, 499_999)).isEmpty();
		assertThat(BenchmarkRule.reached(RULE, 1_000_000, 1_000_000)).extracting(Policy.Milestone::pct)
			.containsExactly(50, 100);
		assertThat(BenchmarkRule.gmvNeededFen(new Policy.Milestone(150, 15), 333)).isEqualTo(500);
		assertThat(BenchmarkRule.reached(new Policy.Milestone(150, 15), 333, 499)).isFalse();
		assertThat(BenchmarkRule.reached(new Policy.Milestone(150, 15), 333, 500)).isTrue();
		assertThat(BenchmarkRule.pctOfTarget(300, 100)).isEqualByComparingTo("33.33");
	}

}
