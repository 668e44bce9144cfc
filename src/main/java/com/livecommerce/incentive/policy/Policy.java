package com.livecommerce.incentive.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * One policy version (SPEC §2.1): caps, tiers and thresholds in force from {@code effectiveFrom}
 * to {@code effectiveTo}, both inclusive, Asia/Shanghai business dates. Immutable once loaded;
 * {@link PolicyLoader} checks every field before anything runs.
 */
public record Policy(String version, LocalDate effectiveFrom, LocalDate effectiveTo, List<String> industries,
		Coupon coupon, Integer lateArrivalDays, Programs programs, Risk risk, Path sourceFile) {

	public Policy withSourceFile(Path file) {
		return new Policy(version, effectiveFrom, effectiveTo, industries, coupon, lateArrivalDays, programs, risk,
				file);
	}

	/** The same version ending on {@code date}: what a move of its effective_to (SPEC §2.1) makes of it. */
	public Policy withEffectiveTo(LocalDate date) {
		return new Policy(version, effectiveFrom, date, industries, coupon, lateArrivalDays, programs, risk, sourceFile);
	}

	public boolean inForceOn(LocalDate date) {
		return !date.isBefore(effectiveFrom) && !date.isAfter(effectiveTo);
	}

	public record Coupon(Long faceValueFen, Integer validityDays) {
	}

	/** A program left out of a version makes no claims while that version is in force. */
	public record Programs(@JsonProperty("COLD_START") ColdStart coldStart, @JsonProperty("GROWTH") Growth growth,
			@JsonProperty("BENCHMARK") Benchmark benchmark) {
	}

	public record ColdStart(Integer monthlyCap, Integer perBrandMonthlyCap, Integer coupons,
			Integer firstBroadcastWindowDays, Integer dormantDays) {
	}

	public record Growth(Integer monthlyCap, Integer perBrandMonthlyCap, Integer baselineDays, List<Tier> tiers) {
	}

	/** {@code minGrowth} is optional: a tier without it needs no baseline. */
	public record Tier(String name, Long minGmvFen, BigDecimal minGrowth, Integer coupons) {
	}

	public record Benchmark(Integer monthlyCap, Integer perBrandMonthlyCap, Integer minLeadDays,
			Integer matchWindowHours, List<Milestone> milestones) {
	}

	public record Milestone(Integer pct, Integer coupons) {
	}

	public record Risk(BigDecimal restrictRefundRateAtLeast, Integer restrictComplaintsAtLeast,
			Integer contentViolationSuspendDays) {
	}

}
