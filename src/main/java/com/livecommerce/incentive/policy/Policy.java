package com.livecommerce.incentive.policy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.annotation.JsonDeserialize;

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

	/**
	 * The sections of the registered programs ({@link Program}) a version names, by name; a program
	 * left out makes no claims while that version is in force. Read key by key with each program's
	 * own settings record; written as every registered program's section (null when left out).
	 */
	@JsonDeserialize(using = ProgramsReader.class)
	public record Programs(Map<String, ProgramSettings> byName) {

		public Programs {
			byName = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byName));
		}

		/** The program's section; null when the version leaves it out. */
		public ProgramSettings settings(Program program) {
			return this.byName.get(program.name());
		}

		/** The programs the version names, in the registry's order. */
		public List<Program> present() {
			return Program.values().stream().filter(p -> settings(p) != null).toList();
		}

		public ColdStart coldStart() {
			return (ColdStart) this.byName.get("COLD_START");
		}

		public Growth growth() {
			return (Growth) this.byName.get("GROWTH");
		}

		public Benchmark benchmark() {
			return (Benchmark) this.byName.get("BENCHMARK");
		}

		/** Every registered program's section, in order, null where left out: what versions are compared by. */
		@JsonValue
		public Map<String, ProgramSettings> sections() {
			Map<String, ProgramSettings> sections = new LinkedHashMap<>();
			Program.values().forEach(p -> sections.put(p.name(), settings(p)));
			return sections;
		}

	}

	public record ColdStart(Integer monthlyCap, Integer perBrandMonthlyCap, Integer coupons,
			Integer firstBroadcastWindowDays, Integer dormantDays) implements ProgramSettings {
	}

	public record Growth(Integer monthlyCap, Integer perBrandMonthlyCap, Integer baselineDays, List<Tier> tiers)
			implements ProgramSettings {
	}

	/** {@code minGrowth} is optional: a tier without it needs no baseline. */
	public record Tier(String name, Long minGmvFen, BigDecimal minGrowth, Integer coupons) {
	}

	public record Benchmark(Integer monthlyCap, Integer perBrandMonthlyCap, Integer minLeadDays,
			Integer matchWindowHours, List<Milestone> milestones) implements ProgramSettings {
	}

	public record Milestone(Integer pct, Integer coupons) {
	}

	public record Risk(BigDecimal restrictRefundRateAtLeast, Integer restrictComplaintsAtLeast,
			Integer contentViolationSuspendDays) {
	}

}
