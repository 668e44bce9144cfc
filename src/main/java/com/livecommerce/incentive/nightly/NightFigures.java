package com.livecommerce.incentive.nightly;

import com.livecommerce.incentive.notification.NotificationConfiguration;
import com.livecommerce.incentive.runs.Figure;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a night did, for its run report and for the last lines a person reads: input files,
 * claims and grants per program with what the pools have left, status changes and clawbacks,
 * usage not taken as delivered, messages.
 */
final class NightFigures {

	private NightFigures() {
	}

	static List<Figure> of(JdbcTemplate jdbc, LocalDate date) {
		return List.of(
				Figure.of(jdbc, "input files", """
						SELECT file_name AS file, rows_read AS `rows`, rows_rejected AS rejected,
						  COALESCE(rows_redelivered, 0) AS redelivered,
						  COALESCE(rows_redelivered_changed, 0) AS redelivered_changed,
						  trailing_median_rows AS median_rows, low_volume_accepted AS low_volume_accepted
						FROM ingest_file WHERE business_date = ? ORDER BY file_name""", date),
				Figure.of(jdbc, "programs", """
						SELECT program, claims, granted, partial, rejected, coupons_granted AS coupons,
						  coupons_clawed_back AS clawed_back, pool_remaining AS pool_left, monthly_cap
						FROM daily_summary WHERE business_date = ? ORDER BY program""", date),
				Figure.of(jdbc, "status changes", """
						SELECT status, COUNT(*) AS accounts FROM account_status WHERE effective_date = ?
						GROUP BY status ORDER BY status""", date),
				Figure.of(jdbc, "clawbacks", """
						SELECT program, COUNT(*) AS clawbacks, COALESCE(SUM(clawed_coupons), 0) AS coupons,
						  COALESCE(SUM(unrecoverable_coupons), 0) AS unrecoverable
						FROM coupon_clawback WHERE business_date = ? GROUP BY program ORDER BY program""", date),
				// for finance: usage reported beyond what grants had left (capped) and usage that went down
				Figure.of(jdbc, "usage adjustments", """
						SELECT kind, COUNT(*) AS grants, SUM(reported_used_coupons) AS reported,
						  SUM(counted_used_coupons) AS counted, SUM(excess_coupons) AS excess
						FROM coupon_usage_adjustment WHERE business_date = ? GROUP BY kind ORDER BY kind""", date),
				Figure.of(jdbc, "messages", """
						SELECT type, COUNT(*) AS messages FROM notification WHERE batch_id = ?
						GROUP BY type ORDER BY type""", NotificationConfiguration.batchId(date)));
	}

	/** A few lines for the end of a completed night: what it granted, changed and wrote, and where. */
	static List<String> summary(Path outDay, List<Figure> figures) {
		List<String> lines = new ArrayList<>();
		Figure programs = figure(figures, "programs");
		for (Map<String, Object> p : programs.named()) {
			lines.add(String.format("%-10s %s claims: %s coupons granted (%s partial, %s rejected); pool left %s of %s",
					p.get("program"), p.get("claims"), p.get("coupons"), p.get("partial"), p.get("rejected"),
					p.get("pool_left"), p.get("monthly_cap")));
		}
		long statusChanges = sum(figure(figures, "status changes"), "accounts");
		long clawbacks = sum(figure(figures, "clawbacks"), "clawbacks");
		lines.add("risk: " + statusChanges + " status changes, " + clawbacks + " clawbacks recalling "
				+ sum(figure(figures, "clawbacks"), "coupons") + " coupons");
		long excess = sum(figure(figures, "usage adjustments"), "excess");
		if (excess > 0) {
			lines.add("usage: " + excess + " coupons reported used beyond what their grants had left (capped; see"
					+ " coupon_usage_adjustment)");
		}
		long rejected = sum(figure(figures, "input files"), "rejected");
		if (rejected > 0) {
			lines.add("rejected rows: " + rejected + ", listed in " + outDay.resolve("rejects"));
		}
		long changed = sum(figure(figures, "input files"), "redelivered_changed");
		if (changed > 0) {
			lines.add("redelivered sessions that differ from their first delivery: " + changed
					+ " (the first delivery stays; ingest_redelivery.differs lists them)");
		}
		for (Map<String, Object> file : figure(figures, "input files").named()) {
			if (Boolean.TRUE.equals(file.get("low_volume_accepted"))) {
				lines.add("low volume accepted by the operator: " + file.get("file") + " with " + file.get("rows")
						+ " rows, the median of its last nights " + file.get("median_rows"));
			}
		}
		long messages = sum(figure(figures, "messages"), "messages");
		lines.add("messages: " + messages + " in " + outDay.resolve("notifications-"
				+ NotificationConfiguration.batchId(LocalDate.parse(outDay.getFileName().toString())) + ".jsonl"));
		lines.add("report: " + outDay.resolve("run-report.txt"));
		return lines;
	}

	private static Figure figure(List<Figure> figures, String title) {
		return figures.stream().filter(f -> f.title().equals(title)).findFirst().orElseThrow();
	}

	private static long sum(Figure figure, String column) {
		int c = figure.columns().indexOf(column);
		return c < 0 ? 0 : figure.rows().stream().mapToLong(r -> r.get(c) == null ? 0 : ((Number) r.get(c)).longValue()).sum();
	}

}
