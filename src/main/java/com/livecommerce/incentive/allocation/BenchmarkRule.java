package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.policy.Policy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The benchmark rule of SPEC §2.5 (policy §四), pure: values in, verdict out, no SQL. The night's
 * settlement ({@link BenchmarkSettlement}) and {@code explain} both decide with it, so that what
 * explain shows is what the night did: the lead time, the match window, closest first, the
 * milestones reached and the GMV each needs.
 */
public final class BenchmarkRule {

	private BenchmarkRule() {
	}

	/** Calendar days from the date of filing to the planned date. */
	public static long leadDays(LocalDateTime submittedAt, LocalDateTime plannedStartAt) {
		return ChronoUnit.DAYS.between(submittedAt.toLocalDate(), plannedStartAt.toLocalDate());
	}

	/** Filed at least {@code min_lead_days} before its planned date; else INVALID_LATE. */
	public static boolean filedInTime(Policy.Benchmark rule, LocalDateTime submittedAt, LocalDateTime plannedStartAt) {
		return leadDays(submittedAt, plannedStartAt) >= rule.minLeadDays();
	}

	/** A session that starts within {@code match_window_hours} of the planned start, either side, ends included. */
	public static boolean inWindow(Policy.Benchmark rule, LocalDateTime plannedStartAt, LocalDateTime startedAt) {
		return !startedAt.isBefore(plannedStartAt.minusHours(rule.matchWindowHours()))
				&& !startedAt.isAfter(plannedStartAt.plusHours(rule.matchWindowHours()));
	}

	/**
	 * The sessions in the window, closest to the planned start first; of equally close ones the
	 * earliest, then the order {@code sessions} come in (by start, then id).
	 */
	public static <S> List<S> candidates(Policy.Benchmark rule, LocalDateTime plannedStartAt, List<S> sessions,
			Function<S, LocalDateTime> startedAt) {
		return sessions.stream()
			.filter(s -> inWindow(rule, plannedStartAt, startedAt.apply(s)))
			.sorted(Comparator.comparingLong((S s) -> Math.abs(ChronoUnit.MICROS.between(startedAt.apply(s),
					plannedStartAt))).thenComparing(startedAt))
			.toList();
	}

	/** The session an event matches: the first candidate no other event took; null when none. */
	public static <S> S match(Policy.Benchmark rule, LocalDateTime plannedStartAt, List<S> sessions,
			Function<S, LocalDateTime> startedAt, Predicate<S> taken) {
		return candidates(rule, plannedStartAt, sessions, startedAt).stream()
			.filter(taken.negate())
			.findFirst()
			.orElse(null);
	}

	/** A milestone is reached when gmv × 100 ≥ target × pct (exact). */
	public static boolean reached(Policy.Milestone milestone, long targetGmvFen, long gmvFen) {
		return BigDecimal.valueOf(gmvFen)
			.multiply(BigDecimal.valueOf(100))
			.compareTo(BigDecimal.valueOf(targetGmvFen).multiply(BigDecimal.valueOf(milestone.pct()))) >= 0;
	}

	/** The milestones the session's GMV reaches, in the policy's order: their coupons add up. */
	public static List<Policy.Milestone> reached(Policy.Benchmark rule, long targetGmvFen, long gmvFen) {
		return rule.milestones().stream().filter(m -> reached(m, targetGmvFen, gmvFen)).toList();
	}

	/** The least GMV that reaches the milestone, in fen (rounded up). */
	public static long gmvNeededFen(Policy.Milestone milestone, long targetGmvFen) {
		return BigDecimal.valueOf(targetGmvFen)
			.multiply(BigDecimal.valueOf(milestone.pct()))
			.divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING)
			.longValueExact();
	}

	/** The session's GMV as a percentage of the target, two places, rounded down. */
	public static BigDecimal pctOfTarget(long targetGmvFen, long gmvFen) {
		return BigDecimal.valueOf(gmvFen)
			.multiply(BigDecimal.valueOf(100))
			.divide(BigDecimal.valueOf(targetGmvFen), 2, RoundingMode.DOWN);
	}

}
