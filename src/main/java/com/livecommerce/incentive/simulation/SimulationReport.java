package com.livecommerce.incentive.simulation;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A simulation's result beside the actual runs': per program and day the claims, coupons
 * granted, partial and rejected claims, the moment the pool ran dry (claimed_at of the first
 * CAP_EXHAUSTED), brands and accounts served, face value and the pool left, each actual,
 * simulated and their difference. Written as {@code comparison.csv} for data teams and
 * {@code index.html}, a self-contained page (inline SVG burn-down per program, the brands that gain
 * or lose most) a person reads without tools. Same tables, same bytes.
 */
public final class SimulationReport {

	/** One program's figures on one day. */
	public record Figures(int claims, int couponsGranted, int partial, int rejected, LocalDateTime ranDry,
			int brandsServed, int accountsServed, long faceValueFen, Integer poolRemaining) {

		static final Figures NONE = new Figures(0, 0, 0, 0, null, 0, 0, 0, null);

	}

	/** The key of a row: a business date and a program. */
	public record Day(LocalDate date, String program) implements Comparable<Day> {

		@Override
		public int compareTo(Day other) {
			return Comparator.comparing(Day::date).thenComparing(Day::program).compare(this, other);
		}

	}

	private final Map<Day, Figures> actual;

	private final Map<Day, Figures> simulated;

	private final Map<String, Long> brandsActual;

	private final Map<String, Long> brandsSimulated;

	private SimulationReport(Map<Day, Figures> actual, Map<Day, Figures> simulated, Map<String, Long> brandsActual,
			Map<String, Long> brandsSimulated) {
		this.actual = actual;
		this.simulated = simulated;
		this.brandsActual = brandsActual;
		this.brandsSimulated = brandsSimulated;
	}

	/** Reads the figures of {@code from} … {@code to} from the real schema and the scratch schema. */
	public static SimulationReport of(JdbcTemplate real, JdbcTemplate scratch, LocalDate from, LocalDate to) {
		return new SimulationReport(figures(real, from, to), figures(scratch, from, to), brands(real, from, to),
				brands(scratch, from, to));
	}

	public Map<Day, Figures> actual() {
		return this.actual;
	}

	public Map<Day, Figures> simulated() {
		return this.simulated;
	}

	private static Map<Day, Figures> figures(JdbcTemplate jdbc, LocalDate from, LocalDate to) {
		Map<Day, Figures> figures = new TreeMap<>();
		jdbc.query("""
				SELECT g.business_date, g.program, COUNT(*), COALESCE(SUM(g.granted_coupons), 0),
				  SUM(g.status = 'PARTIAL'), SUM(g.status = 'REJECTED'),
				  MIN(CASE WHEN g.reject_reason = 'CAP_EXHAUSTED' OR g.limited_by = 'CAP_EXHAUSTED' THEN g.claimed_at END),
				  COUNT(DISTINCT CASE WHEN g.granted_coupons > 0 THEN g.brand_id END),
				  COUNT(DISTINCT CASE WHEN g.granted_coupons > 0 THEN g.account_id END),
				  COALESCE(SUM(g.granted_coupons * g.face_value_fen), 0),
				  (SELECT d.pool_remaining FROM daily_summary d WHERE d.business_date = g.business_date
				   AND d.program = g.program)
				FROM coupon_grant g WHERE g.business_date BETWEEN ? AND ?
				GROUP BY g.business_date, g.program""", rs -> {
			figures.put(new Day(rs.getObject(1, LocalDate.class), rs.getString(2)),
					new Figures(rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6),
							rs.getObject(7, LocalDateTime.class), rs.getInt(8), rs.getInt(9), rs.getLong(10),
							rs.getObject(11, Integer.class)));
		}, from, to);
		// days without a claim of a program still have a pool
		jdbc.query("""
				SELECT business_date, program, pool_remaining FROM daily_summary WHERE business_date BETWEEN ? AND ?""",
				rs -> {
					Day day = new Day(rs.getObject(1, LocalDate.class), rs.getString(2));
					figures.putIfAbsent(day, new Figures(0, 0, 0, 0, null, 0, 0, 0, rs.getObject(3, Integer.class)));
				}, from, to);
		return figures;
	}

	private static Map<String, Long> brands(JdbcTemplate jdbc, LocalDate from, LocalDate to) {
		Map<String, Long> brands = new TreeMap<>();
		jdbc.query("""
				SELECT brand_id, SUM(granted_coupons) FROM coupon_grant WHERE business_date BETWEEN ? AND ?
				GROUP BY brand_id""", rs -> {
			brands.put(rs.getString(1), rs.getLong(2));
		}, from, to);
		return brands;
	}

	private TreeSet<Day> days() {
		TreeSet<Day> days = new TreeSet<>(this.actual.keySet());
		days.addAll(this.simulated.keySet());
		return days;
	}

	/** comparison.csv: one row per day and program. */
	public String csv() {
		StringWriter text = new StringWriter();
		try (CSVPrinter csv = new CSVPrinter(text, CSVFormat.RFC4180.builder()
			.setHeader("business_date", "program", "claims_actual", "claims_simulated", "coupons_granted_actual",
					"coupons_granted_simulated", "coupons_granted_difference", "partial_actual", "partial_simulated",
					"rejected_actual", "rejected_simulated", "pool_ran_dry_at_actual", "pool_ran_dry_at_simulated",
					"brands_served_actual", "brands_served_simulated", "accounts_served_actual",
					"accounts_served_simulated", "face_value_fen_actual", "face_value_fen_simulated",
					"face_value_fen_difference", "pool_remaining_actual", "pool_remaining_simulated")
			.setRecordSeparator('\n')
			.get())) {
			for (Day day : days()) {
				Figures a = this.actual.getOrDefault(day, Figures.NONE);
				Figures s = this.simulated.getOrDefault(day, Figures.NONE);
				csv.printRecord(day.date(), day.program(), a.claims(), s.claims(), a.couponsGranted(), s.couponsGranted(),
						s.couponsGranted() - a.couponsGranted(), a.partial(), s.partial(), a.rejected(), s.rejected(),
						text(a.ranDry()), text(s.ranDry()), a.brandsServed(), s.brandsServed(), a.accountsServed(),
						s.accountsServed(), a.faceValueFen(), s.faceValueFen(), s.faceValueFen() - a.faceValueFen(),
						text(a.poolRemaining()), text(s.poolRemaining()));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return text.toString();
	}

	/** index.html: the page for a person. */
	public String html(String title, List<String> facts) {
		StringBuilder page = new StringBuilder();
		page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
			.append("</title>\n<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;"
					+ "margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}"
					+ "td:first-child,th:first-child{text-align:left}.up{color:#1a7f37}.down{color:#b42318}"
					+ "svg{border:1px solid #ddd;margin:0.5em 0}</style></head><body>\n");
		page.append("<h1>").append(esc(title)).append("</h1>\n<ul>");
		facts.forEach(f -> page.append("<li>").append(esc(f)).append("</li>"));
		page.append("</ul>\n<h2>Per program: actual and simulated</h2>\n<table><tr><th>program</th><th>claims</th>"
				+ "<th>coupons granted</th><th>difference</th><th>partial</th><th>rejected</th><th>brands served</th>"
				+ "<th>accounts served</th><th>face value (fen)</th><th>first day the pool ran dry</th></tr>\n");
		for (String program : programs()) {
			Figures a = total(this.actual, program);
			Figures s = total(this.simulated, program);
			page.append("<tr><td>").append(esc(program)).append("</td>")
				.append(pair(a.claims(), s.claims()))
				.append(pair(a.couponsGranted(), s.couponsGranted()))
				.append(difference(s.couponsGranted() - a.couponsGranted()))
				.append(pair(a.partial(), s.partial()))
				.append(pair(a.rejected(), s.rejected()))
				.append(pair(a.brandsServed(), s.brandsServed()))
				.append(pair(a.accountsServed(), s.accountsServed()))
				.append(pair(a.faceValueFen(), s.faceValueFen()))
				.append("<td>")
				.append(esc(dryDay(this.actual, program)))
				.append(" / ")
				.append(esc(dryDay(this.simulated, program)))
				.append("</td></tr>\n");
		}
		page.append("</table>\n<p>Each cell: actual / simulated. Brands and accounts served: summed over the days.</p>\n");
		page.append("<h2>Burn-down: coupons left in the pool at the end of each day</h2>\n"
				+ "<p>Grey: actual. Blue: simulated. A dot marks the first day the pool ran dry.</p>\n");
		for (String program : programs()) {
			page.append("<h3>").append(esc(program)).append("</h3>\n").append(burnDown(program));
		}
		page.append("<h2>Brands that gain or lose most (coupons granted over the dates)</h2>\n");
		page.append(brandTable());
		page.append("</body></html>\n");
		return page.toString();
	}

	private List<String> programs() {
		return days().stream().map(Day::program).distinct().sorted().toList();
	}

	private static Figures total(Map<Day, Figures> figures, String program) {
		int claims = 0;
		int coupons = 0;
		int partial = 0;
		int rejected = 0;
		int brands = 0;
		int accounts = 0;
		long value = 0;
		for (Map.Entry<Day, Figures> e : figures.entrySet()) {
			if (e.getKey().program().equals(program)) {
				Figures f = e.getValue();
				claims += f.claims();
				coupons += f.couponsGranted();
				partial += f.partial();
				rejected += f.rejected();
				brands += f.brandsServed();
				accounts += f.accountsServed();
				value += f.faceValueFen();
			}
		}
		return new Figures(claims, coupons, partial, rejected, null, brands, accounts, value, null);
	}

	private static String dryDay(Map<Day, Figures> figures, String program) {
		return figures.entrySet()
			.stream()
			.filter(e -> e.getKey().program().equals(program) && e.getValue().ranDry() != null)
			.map(e -> e.getValue().ranDry().toString().replace('T', ' '))
			.findFirst()
			.orElse("never");
	}

	private String burnDown(String program) {
		List<LocalDate> dates = days().stream().map(Day::date).distinct().sorted().toList();
		return chart(program, dates, List.of(dates.stream().map(d -> remaining(this.actual, d, program)).toList(),
				dates.stream().map(d -> remaining(this.simulated, d, program)).toList()), List.of("#999", "#1f6feb"));
	}

	/** An inline SVG line chart: one curve per list of values (null: no point), dates along the bottom. */
	private static String chart(String program, List<LocalDate> dates, List<List<Integer>> curves, List<String> colours) {
		int max = 1;
		for (List<Integer> curve : curves) {
			for (Integer v : curve) {
				if (v != null) {
					max = Math.max(max, v);
				}
			}
		}
		int width = 640;
		int height = 220;
		int left = 60;
		int bottom = 30;
		int plotWidth = width - left - 20;
		int plotHeight = height - bottom - 20;
		StringBuilder svg = new StringBuilder();
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
			.append(height).append("\" role=\"img\" aria-label=\"").append(esc(program)).append(" pool burn-down\">");
		svg.append("<line x1=\"").append(left).append("\" y1=\"").append(20 + plotHeight).append("\" x2=\"")
			.append(left + plotWidth).append("\" y2=\"").append(20 + plotHeight).append("\" stroke=\"#888\"/>");
		svg.append("<text x=\"5\" y=\"25\" font-size=\"11\">").append(max).append("</text>");
		svg.append("<text x=\"5\" y=\"").append(20 + plotHeight).append("\" font-size=\"11\">0</text>");
		for (int i = 0; i < dates.size(); i++) {
			if (dates.size() <= 12 || i % Math.max(1, dates.size() / 10) == 0) {
				svg.append("<text x=\"").append(x(i, dates.size(), left, plotWidth) - 15).append("\" y=\"")
					.append(height - 8).append("\" font-size=\"10\">").append(dates.get(i).toString().substring(5))
					.append("</text>");
			}
		}
		for (int c = 0; c < curves.size(); c++) {
			svg.append(line(curves.get(c), max, dates.size(), left, plotWidth, plotHeight, colours.get(c)));
		}
		return svg.append("</svg>\n").toString();
	}

	private static String line(List<Integer> values, int max, int n, int left, int plotWidth, int plotHeight,
			String colour) {
		StringBuilder points = new StringBuilder();
		StringBuilder dots = new StringBuilder();
		boolean dry = false;
		for (int i = 0; i < values.size(); i++) {
			if (values.get(i) == null) {
				continue;
			}
			int x = x(i, n, left, plotWidth);
			int y = 20 + plotHeight - (int) ((long) values.get(i) * plotHeight / max);
			points.append(points.isEmpty() ? "" : " ").append(x).append(',').append(y);
			if (!dry && values.get(i) == 0) {
				dry = true;
				dots.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"4\" fill=\"")
					.append(colour).append("\"/>");
			}
		}
		return "<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\" points=\"" + points + "\"/>" + dots;
	}

	private static int x(int i, int n, int left, int plotWidth) {
		return left + (n <= 1 ? plotWidth / 2 : i * plotWidth / (n - 1));
	}

	private static Integer remaining(Map<Day, Figures> figures, LocalDate date, String program) {
		Figures f = figures.get(new Day(date, program));
		return f == null ? null : f.poolRemaining();
	}

	private String brandTable() {
		TreeSet<String> brands = new TreeSet<>(this.brandsActual.keySet());
		brands.addAll(this.brandsSimulated.keySet());
		List<Map.Entry<String, Long>> changes = new ArrayList<>();
		for (String brand : brands) {
			long change = this.brandsSimulated.getOrDefault(brand, 0L) - this.brandsActual.getOrDefault(brand, 0L);
			if (change != 0) {
				changes.add(Map.entry(brand, change));
			}
		}
		if (changes.isEmpty()) {
			return "<p>No brand gets a different number of coupons.</p>\n";
		}
		changes.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
		Map<String, Long> shown = new LinkedHashMap<>();
		changes.stream().filter(e -> e.getValue() > 0).limit(10).forEach(e -> shown.put(e.getKey(), e.getValue()));
		changes.stream()
			.filter(e -> e.getValue() < 0)
			.sorted(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
			.limit(10)
			.forEach(e -> shown.put(e.getKey(), e.getValue()));
		StringBuilder table = new StringBuilder("<table><tr><th>brand</th><th>actual</th><th>simulated</th>"
				+ "<th>difference</th></tr>\n");
		shown.forEach((brand, change) -> table.append("<tr><td>")
			.append(esc(brand))
			.append("</td><td>")
			.append(this.brandsActual.getOrDefault(brand, 0L))
			.append("</td><td>")
			.append(this.brandsSimulated.getOrDefault(brand, 0L))
			.append("</td>")
			.append(difference(change))
			.append("</tr>\n"));
		return table.append("</table>\n").toString();
	}

	private static final String[] COLOURS = { "#1f6feb", "#d97706", "#16a34a", "#9333ea", "#dc2626", "#0891b2",
			"#65a30d", "#db2777" };

	/**
	 * The page of a sweep: per program, the totals for each value next to the actual runs', and one
	 * burn-down curve per value over the actual one, so that a policy owner sees where more cap
	 * stops buying more served brands.
	 */
	public static String sweepHtml(String title, List<String> facts, String swept, Map<String, SimulationReport> byValue) {
		SimulationReport first = byValue.values().iterator().next();
		StringBuilder page = new StringBuilder();
		page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
			.append("</title>\n<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;"
					+ "margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}"
					+ "td:first-child,th:first-child{text-align:left}svg{border:1px solid #ddd;margin:0.5em 0}</style>"
					+ "</head><body>\n<h1>")
			.append(esc(title))
			.append("</h1>\n<ul>");
		facts.forEach(f -> page.append("<li>").append(esc(f)).append("</li>"));
		page.append("</ul>\n");
		for (String program : first.programs()) {
			page.append("<h2>").append(esc(program)).append("</h2>\n<table><tr><th>").append(esc(swept))
				.append("</th><th>coupons granted</th><th>brands served</th><th>accounts served</th><th>rejected</th>"
						+ "<th>face value (fen)</th><th>first day the pool ran dry</th></tr>\n");
			Figures actual = total(first.actual, program);
			page.append(sweepRow("actual runs", actual, dryDay(first.actual, program), "#999"));
			int i = 0;
			for (Map.Entry<String, SimulationReport> e : byValue.entrySet()) {
				page.append(sweepRow(e.getKey(), total(e.getValue().simulated, program),
						dryDay(e.getValue().simulated, program), COLOURS[i++ % COLOURS.length]));
			}
			page.append("</table>\n<p>Coupons left in the pool at the end of each day: grey the actual runs, one colour"
					+ " per value as in the table.</p>\n");
			List<LocalDate> dates = first.days().stream().map(Day::date).distinct().sorted().toList();
			List<List<Integer>> curves = new ArrayList<>();
			curves.add(dates.stream().map(d -> remaining(first.actual, d, program)).toList());
			byValue.values().forEach(r -> curves.add(dates.stream().map(d -> remaining(r.simulated, d, program)).toList()));
			List<String> colours = new ArrayList<>();
			colours.add("#999");
			for (int c = 0; c < byValue.size(); c++) {
				colours.add(COLOURS[c % COLOURS.length]);
			}
			page.append(chart(program, dates, curves, colours));
		}
		return page.append("</body></html>\n").toString();
	}

	private static String sweepRow(String label, Figures f, String dry, String colour) {
		return "<tr><td><span style=\"color:" + colour + "\">&#9632;</span> " + esc(label) + "</td><td>"
				+ f.couponsGranted() + "</td><td>" + f.brandsServed() + "</td><td>" + f.accountsServed() + "</td><td>"
				+ f.rejected() + "</td><td>" + f.faceValueFen() + "</td><td>" + esc(dry) + "</td></tr>\n";
	}

	/** Writes comparison.csv and index.html into {@code dir}. */
	public void write(Path dir, String title, List<String> facts) {
		try {
			Files.createDirectories(dir);
			Files.writeString(dir.resolve("comparison.csv"), csv(), StandardCharsets.UTF_8);
			Files.writeString(dir.resolve("index.html"), html(title, facts), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the simulation's result to " + dir, ex);
		}
	}

	private static String pair(long actual, long simulated) {
		return "<td>" + actual + " / " + simulated + "</td>";
	}

	private static String difference(long change) {
		return "<td class=\"" + (change > 0 ? "up" : change < 0 ? "down" : "") + "\">" + (change > 0 ? "+" : "") + change
				+ "</td>";
	}

	private static String text(Object value) {
		return value == null ? "" : value.toString().replace('T', ' ');
	}

	private static String esc(String text) {
		return Objects.toString(text, "")
			.replace("&", "&amp;")
			.replace("<", "&lt;")
			.replace(">", "&gt;")
			.replace("\"", "&quot;");
	}

}
