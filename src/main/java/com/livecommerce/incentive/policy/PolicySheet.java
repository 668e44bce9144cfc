package com.livecommerce.incentive.policy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The versions of a policy directory side by side, one column each, one line per value (dates,
 * status, industries, coupon, and every cap, tier and threshold): what {@code policy check}
 * prints, so that a policy owner sees what a new version changes next to the one before it.
 */
public final class PolicySheet {

	private PolicySheet() {
	}

	private record Row(String label, Function<PolicyVersions.Check, String> value) {
	}

	private static final List<Row> ROWS = List.of(
			new Row("status", c -> c.status().name() + (c.firstUsedOn() == null ? "" : " (used from " + c.firstUsedOn() + ")")),
			new Row("effective from", c -> c.policy().effectiveFrom().toString()),
			new Row("effective to", c -> c.policy().effectiveTo().toString()),
			new Row("industries", c -> String.join(",", c.policy().industries())),
			new Row("coupon face value (fen)", c -> str(c.policy().coupon().faceValueFen())),
			new Row("coupon validity (days)", c -> str(c.policy().coupon().validityDays())),
			new Row("late_arrival_days", c -> str(c.policy().lateArrivalDays())),
			new Row("COLD_START monthly_cap", c -> coldStart(c, p -> str(p.monthlyCap()))),
			new Row("COLD_START per_brand_monthly_cap", c -> coldStart(c, p -> str(p.perBrandMonthlyCap()))),
			new Row("COLD_START coupons", c -> coldStart(c, p -> str(p.coupons()))),
			new Row("COLD_START first_broadcast_window_days", c -> coldStart(c, p -> str(p.firstBroadcastWindowDays()))),
			new Row("COLD_START dormant_days", c -> coldStart(c, p -> str(p.dormantDays()))),
			new Row("GROWTH monthly_cap", c -> growth(c, p -> str(p.monthlyCap()))),
			new Row("GROWTH per_brand_monthly_cap", c -> growth(c, p -> str(p.perBrandMonthlyCap()))),
			new Row("GROWTH baseline_days", c -> growth(c, p -> str(p.baselineDays()))),
			new Row("GROWTH tiers (name: min GMV fen, min growth → coupons)", c -> growth(c, p -> p.tiers()
				.stream()
				.map(t -> t.name() + ": " + t.minGmvFen() + ", " + (t.minGrowth() == null ? "-" : plain(t.minGrowth()))
						+ " → " + t.coupons())
				.collect(Collectors.joining("; ")))),
			new Row("BENCHMARK monthly_cap", c -> benchmark(c, p -> str(p.monthlyCap()))),
			new Row("BENCHMARK per_brand_monthly_cap", c -> benchmark(c, p -> str(p.perBrandMonthlyCap()))),
			new Row("BENCHMARK min_lead_days", c -> benchmark(c, p -> str(p.minLeadDays()))),
			new Row("BENCHMARK match_window_hours", c -> benchmark(c, p -> str(p.matchWindowHours()))),
			new Row("BENCHMARK milestones (% → coupons)", c -> benchmark(c, p -> p.milestones()
				.stream()
				.map(m -> m.pct() + " → " + m.coupons())
				.collect(Collectors.joining("; ")))),
			new Row("risk restrict_refund_rate_at_least", c -> plain(c.policy().risk().restrictRefundRateAtLeast())),
			new Row("risk restrict_complaints_at_least", c -> str(c.policy().risk().restrictComplaintsAtLeast())),
			new Row("risk content_violation_suspend_days", c -> str(c.policy().risk().contentViolationSuspendDays())));

	/** The table: a header line of version names, then one line per value; a value that changed from the column before is marked *. */
	public static String sideBySide(List<PolicyVersions.Check> checks) {
		List<List<String>> lines = new ArrayList<>();
		List<String> header = new ArrayList<>();
		header.add("version");
		checks.forEach(c -> header.add(c.policy().version()));
		lines.add(header);
		for (Row row : ROWS) {
			List<String> line = new ArrayList<>();
			line.add(row.label());
			String previous = null;
			for (int i = 0; i < checks.size(); i++) {
				String value = row.value().apply(checks.get(i));
				boolean changed = i > 0 && !row.label().equals("status") && !row.label().startsWith("effective")
						&& !value.equals(previous);
				line.add(changed ? value + " *" : value);
				previous = value;
			}
			lines.add(line);
		}
		int[] widths = new int[header.size()];
		for (List<String> line : lines) {
			for (int i = 0; i < line.size(); i++) {
				widths[i] = Math.max(widths[i], line.get(i).length());
			}
		}
		StringBuilder text = new StringBuilder();
		for (List<String> line : lines) {
			StringBuilder out = new StringBuilder();
			for (int i = 0; i < line.size(); i++) {
				out.append(i == 0 ? "" : "  ").append(i == line.size() - 1 ? line.get(i) : pad(line.get(i), widths[i]));
			}
			text.append(out.toString().stripTrailing()).append('\n');
		}
		return text.toString();
	}

	private static String coldStart(PolicyVersions.Check c, Function<Policy.ColdStart, String> value) {
		return c.policy().programs().coldStart() == null ? "(absent)" : value.apply(c.policy().programs().coldStart());
	}

	private static String growth(PolicyVersions.Check c, Function<Policy.Growth, String> value) {
		return c.policy().programs().growth() == null ? "(absent)" : value.apply(c.policy().programs().growth());
	}

	private static String benchmark(PolicyVersions.Check c, Function<Policy.Benchmark, String> value) {
		return c.policy().programs().benchmark() == null ? "(absent)" : value.apply(c.policy().programs().benchmark());
	}

	private static String str(Object value) {
		return value == null ? "-" : value.toString();
	}

	private static String plain(BigDecimal value) {
		return value == null ? "-" : value.stripTrailingZeros().toPlainString();
	}

	private static String pad(String value, int width) {
		return value + " ".repeat(width - value.length());
	}

}
