package com.livecommerce.incentive.policy;

import java.time.LocalDate;
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

	/** The version's own values, then each registered program's, then its risk thresholds. */
	private static final List<Row> ROWS = rows(List.of(
			new Row("status", c -> status(c) + (c.firstUsedOn() == null ? "" : " (used from " + c.firstUsedOn() + ")")
					+ (c.refused() ? ", refused" : "")),
			new Row("nights run under it", c -> c.firstUsedOn() == null ? "-" : c.firstUsedOn() + " to " + c.lastRunUnder()),
			new Row("effective from", c -> c.policy().effectiveFrom().toString()),
			new Row("effective to", PolicySheet::effectiveTo),
			new Row("industries", c -> String.join(",", c.policy().industries())),
			new Row("coupon face value (fen)", c -> show(c.policy().coupon().faceValueFen())),
			new Row("coupon validity (days)", c -> show(c.policy().coupon().validityDays())),
			new Row("late_arrival_days", c -> show(c.policy().lateArrivalDays()))),
			List.of(new Row("risk restrict_refund_rate_at_least", c -> show(c.policy().risk().restrictRefundRateAtLeast())),
					new Row("risk restrict_complaints_at_least", c -> show(c.policy().risk().restrictComplaintsAtLeast())),
					new Row("risk content_violation_suspend_days",
							c -> show(c.policy().risk().contentViolationSuspendDays()))));

	private static List<Row> rows(List<Row> version, List<Row> risk) {
		List<Row> rows = new ArrayList<>(version);
		for (Program program : Program.values()) {
			List<ProgramDescriptor.SheetRow> own = new ArrayList<>();
			own.add(new ProgramDescriptor.SheetRow("monthly_cap", s -> show(s.monthlyCap())));
			own.add(new ProgramDescriptor.SheetRow("per_brand_monthly_cap", s -> show(s.perBrandMonthlyCap())));
			own.addAll(program.descriptor().sheetRows());
			for (ProgramDescriptor.SheetRow row : own) {
				rows.add(new Row(program.name() + " " + row.label(), c -> {
					ProgramSettings settings = program.settingsIn(c.policy());
					return settings == null ? "(absent)" : row.value().apply(settings);
				}));
			}
		}
		rows.addAll(risk);
		return List.copyOf(rows);
	}

	/** The table: a header line of version names, then one line per value; a value that changed from the column before is marked *. */
	public static String sideBySide(List<PolicyVersions.Check> checks) {
		List<List<String>> lines = new ArrayList<>();
		List<String> header = new ArrayList<>();
		header.add("version");
		checks.forEach(c -> header.add((c.status() == PolicyVersions.Status.CANDIDATE ? "candidate " : "")
				+ c.policy().version()));
		lines.add(header);
		for (Row row : ROWS) {
			List<String> line = new ArrayList<>();
			line.add(row.label());
			String previous = null;
			for (int i = 0; i < checks.size(); i++) {
				String value = row.value().apply(checks.get(i));
				boolean changed = i > 0 && !row.label().equals("status") && !row.label().startsWith("effective")
						&& !row.label().startsWith("nights") && !value.equals(previous);
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

	/** A version whose file matches its record after a recorded move of its dates is shown AMENDED too. */
	private static String status(PolicyVersions.Check c) {
		return c.status() == PolicyVersions.Status.UNCHANGED && !c.changes().isEmpty() ? "AMENDED, recorded"
				: c.status().name();
	}

	/**
	 * The effective_to, with where it moved from: an amendment the directory makes now ("was"), and
	 * those recorded before ("moved from … on …").
	 */
	private static String effectiveTo(PolicyVersions.Check c) {
		StringBuilder text = new StringBuilder(c.policy().effectiveTo().toString());
		if (c.status() == PolicyVersions.Status.AMENDED) {
			text.append(" (was ").append(c.recordedEffectiveTo()).append(')');
		}
		c.changes()
			.forEach(m -> text.append(" (moved from ").append(m.oldEffectiveTo()).append(", in force from ")
				.append(m.changedOn()).append(')'));
		return text.toString();
	}

	/**
	 * One line per candidate version: the versions in force over its dates and the first value in
	 * which it differs from each ({@code policy check --candidate}).
	 */
	public static String candidate(List<PolicyVersions.Check> checks) {
		StringBuilder text = new StringBuilder();
		for (PolicyVersions.Check c : checks) {
			if (c.status() != PolicyVersions.Status.CANDIDATE) {
				continue;
			}
			Policy p = c.policy();
			List<PolicyVersions.Check> inForce = checks.stream()
				.filter(o -> o.status() == PolicyVersions.Status.IN_FORCE)
				.filter(o -> !o.policy().effectiveFrom().isAfter(p.effectiveTo())
						&& !o.policy().effectiveTo().isBefore(p.effectiveFrom()))
				.toList();
			text.append("candidate \"").append(p.version()).append("\" (").append(p.effectiveFrom()).append(" to ")
				.append(p.effectiveTo()).append("): ");
			if (inForce.isEmpty()) {
				text.append("no version in force covers its dates\n");
				continue;
			}
			text.append(inForce.stream().map(o -> "against \"" + o.policy().version() + "\" in force "
					+ o.policy().effectiveFrom() + " to " + o.policy().effectiveTo() + ": "
					+ PolicyDifference.ofRules(o.policy(), p).orElse("the same rules"))
				.collect(Collectors.joining("; "))).append('\n');
		}
		return text.toString();
	}

	/** One line per amendment of the directory: what the first job to start under it records. */
	public static String amendments(List<PolicyVersions.Check> checks) {
		StringBuilder text = new StringBuilder();
		for (PolicyVersions.Check c : checks) {
			if (c.status() != PolicyVersions.Status.AMENDED) {
				continue;
			}
			boolean earlier = c.policy().effectiveTo().isBefore(c.recordedEffectiveTo());
			text.append("AMENDED").append(c.refused() ? ", refused" : "").append(": version \"")
				.append(c.policy().version()).append("\" ")
				.append(earlier ? "ends early, on " : "is extended to ").append(c.policy().effectiveTo())
				.append(" instead of ").append(c.recordedEffectiveTo()).append("; nights run under it: ")
				.append(c.firstUsedOn()).append(" to ").append(c.lastRunUnder());
			if (earlier) {
				LocalDate next = c.policy().effectiveTo().plusDays(1);
				String successor = checks.stream()
					.filter(o -> o.policy().inForceOn(next))
					.findFirst()
					.map(o -> "version \"" + o.policy().version() + "\" follows from " + next
							+ " (its changes are marked * above)")
					.orElse("no version governs " + next + ": nights from then on make no claims, and every pool counts"
							+ " as cap 0");
				text.append("; ").append(successor);
			}
			text.append(c.refused() ? "" : ". The first job to start under this directory records it (policy_version_change)")
				.append('\n');
		}
		return text.toString();
	}

	private static String show(Object value) {
		return ProgramDescriptor.SheetRow.show(value);
	}

	private static String pad(String value, int width) {
		return value + " ".repeat(width - value.length());
	}

}
