package com.livecommerce.incentive.simulation;

import com.livecommerce.incentive.common.CodeTexts;
import com.livecommerce.incentive.common.Html;
import com.livecommerce.incentive.common.LineChart;
import com.livecommerce.incentive.common.Yuan;
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

	/** Per program, the brands and accounts served over all the dates: each counted once. */
	private final Map<String, Served> servedActual;

	private final Map<String, Served> servedSimulated;

	/** Brand names as the last date knew them (brand_history of the real schema). */
	private final Map<String, String> brandNames;

	/** Distinct brands and accounts that got coupons over the dates. */
	record Served(int brands, int accounts) {

		static final Served NONE = new Served(0, 0);

	}

	private SimulationReport(Map<Day, Figures> actual, Map<Day, Figures> simulated, Map<String, Long> brandsActual,
			Map<String, Long> brandsSimulated, Map<String, Served> servedActual, Map<String, Served> servedSimulated,
			Map<String, String> brandNames) {
		this.actual = actual;
		this.simulated = simulated;
		this.brandsActual = brandsActual;
		this.brandsSimulated = brandsSimulated;
		this.servedActual = servedActual;
		this.servedSimulated = servedSimulated;
		this.brandNames = brandNames;
	}

	/** Reads the figures of {@code from} … {@code to} from the real schema and the scratch schema. */
	public static SimulationReport of(JdbcTemplate real, JdbcTemplate scratch, LocalDate from, LocalDate to) {
		Map<String, String> names = new TreeMap<>();
		real.query("""
				SELECT h.brand_id, h.brand_name FROM brand_history h
				WHERE h.valid_from = (SELECT MAX(l.valid_from) FROM brand_history l WHERE l.brand_id = h.brand_id
				                      AND l.valid_from <= ?)""", rs -> {
			names.put(rs.getString(1), rs.getString(2));
		}, to);
		return new SimulationReport(figures(real, from, to), figures(scratch, from, to), brands(real, from, to),
				brands(scratch, from, to), served(real, from, to), served(scratch, from, to), names);
	}

	private static Map<String, Served> served(JdbcTemplate jdbc, LocalDate from, LocalDate to) {
		Map<String, Served> served = new TreeMap<>();
		jdbc.query("""
				SELECT program, COUNT(DISTINCT brand_id), COUNT(DISTINCT account_id) FROM coupon_grant
				WHERE business_date BETWEEN ? AND ? AND granted_coupons > 0 GROUP BY program""", rs -> {
			served.put(rs.getString(1), new Served(rs.getInt(2), rs.getInt(3)));
		}, from, to);
		return served;
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

	private static final String STYLE = "<style>body{font-family:sans-serif;margin:2em;color:#222}"
			+ "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
			+ "th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}.up{color:#1a7f37}.down{color:#b42318}"
			+ "svg{margin:0.3em 0}.legend{margin:0.3em 0}.note{color:#666}</style>";

	/** index.html: the page for a person, in Chinese with the English beside it. */
	public String html(String title, List<String> facts) {
		StringBuilder page = new StringBuilder();
		page.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
			.append("</title>\n").append(STYLE).append("</head><body>\n");
		page.append("<h1>").append(esc(title)).append("</h1>\n<ul>");
		facts.forEach(f -> page.append("<li>").append(esc(f)).append("</li>"));
		page.append("</ul>\n<h2>各项目：实际与模拟 Per program: actual and simulated</h2>\n<table><tr><th>项目 program</th>"
				+ "<th>申请 claims</th><th>发放（张）coupons granted</th><th>差额 difference</th><th>部分发放 partial</th>"
				+ "<th>未发放 rejected</th><th>获券品牌 brands served</th><th>获券账号 accounts served</th>"
				+ "<th>面值 face value</th><th>额度首次用完 pool first ran dry</th></tr>\n");
		for (String program : programs()) {
			Figures a = total(this.actual, program, this.servedActual);
			Figures s = total(this.simulated, program, this.servedSimulated);
			page.append("<tr><td>").append(esc(programName(program))).append("</td>")
				.append(pair(a.claims(), s.claims()))
				.append(pair(a.couponsGranted(), s.couponsGranted()))
				.append(difference(s.couponsGranted() - a.couponsGranted()))
				.append(pair(a.partial(), s.partial()))
				.append(pair(a.rejected(), s.rejected()))
				.append(pair(a.brandsServed(), s.brandsServed()))
				.append(pair(a.accountsServed(), s.accountsServed()))
				.append("<td>").append(Yuan.of(a.faceValueFen())).append(" / ").append(Yuan.of(s.faceValueFen())).append("</td>")
				.append("<td>")
				.append(esc(dryDay(this.actual, program)))
				.append(" / ")
				.append(esc(dryDay(this.simulated, program)))
				.append("</td></tr>\n");
		}
		page.append("</table>\n<p class=\"note\">每格：实际 / 模拟 (each cell: actual / simulated)。获券品牌与账号按整个期间计，每个只计一次"
				+ " (brands and accounts served over all the dates, each counted once)。</p>\n");
		page.append("<h2>额度消耗：每日结束时额度剩余 Burn-down: coupons left in the pool at the end of each day</h2>\n");
		List<LocalDate> dates = dates();
		for (String program : programs()) {
			List<LineChart.Series> series = List.of(
					new LineChart.Series("实际 actual", "#888", remaining(this.actual, dates, program), false, false, true, true),
					new LineChart.Series("模拟 simulated", "#1f6feb", remaining(this.simulated, dates, program), false, true,
							true, false));
			page.append("<h3>").append(esc(programName(program))).append("</h3>\n").append(LineChart.legend(series))
				.append(LineChart.svg(programName(program) + " burn-down", dates, series, monthStarts(dates)));
		}
		page.append("<p class=\"note\">圆点：额度首次用完的一天 (a dot: the first day the pool ran dry)；竖线：新月份额度开始"
				+ " (a vertical line: a month's pool starts)。</p>\n");
		page.append("<h2>获券变化最大的品牌 Brands that gain or lose most (coupons granted over the dates)</h2>\n");
		page.append(brandTable());
		page.append("</body></html>\n");
		return page.toString();
	}

	/** The headline differences, one line per program, for the terminal. */
	public List<String> headlines() {
		List<String> lines = new ArrayList<>();
		for (String program : programs()) {
			Figures a = total(this.actual, program, this.servedActual);
			Figures s = total(this.simulated, program, this.servedSimulated);
			lines.add(program + ": coupons granted " + change(a.couponsGranted(), s.couponsGranted()) + ", brands served "
					+ change(a.brandsServed(), s.brandsServed()) + ", accounts served "
					+ change(a.accountsServed(), s.accountsServed()) + ", rejected claims " + change(a.rejected(), s.rejected())
					+ ", face value " + Yuan.of(a.faceValueFen()) + " -> " + Yuan.of(s.faceValueFen())
					+ ", pool first ran dry " + dryDay(this.actual, program) + " -> " + dryDay(this.simulated, program));
		}
		return lines;
	}

	private static String change(long actual, long simulated) {
		long d = simulated - actual;
		return actual + " -> " + simulated + (d == 0 ? " (same)" : " (" + (d > 0 ? "+" : "") + d + ")");
	}

	private static String programName(String program) {
		return CodeTexts.text("program", program) + " " + program;
	}

	/** Each first day of a month after the first date: a new month's pool starts there. */
	private static List<LineChart.Marker> monthStarts(List<LocalDate> dates) {
		List<LineChart.Marker> markers = new ArrayList<>();
		for (int i = 1; i < dates.size(); i++) {
			if (dates.get(i).getDayOfMonth() == 1) {
				markers.add(new LineChart.Marker(i, dates.get(i).toString().substring(0, 7) + " 额度开始 pool starts",
						"#7a7a7a"));
			}
		}
		return markers;
	}

	private List<LocalDate> dates() {
		return days().stream().map(Day::date).distinct().sorted().toList();
	}

	private static List<Integer> remaining(Map<Day, Figures> figures, List<LocalDate> dates, String program) {
		return dates.stream().map(d -> remaining(figures, d, program)).toList();
	}

	private List<String> programs() {
		return days().stream().map(Day::program).distinct().sorted().toList();
	}

	/** A program's figures over all the dates; brands and accounts served each counted once. */
	private static Figures total(Map<Day, Figures> figures, String program, Map<String, Served> served) {
		int claims = 0;
		int coupons = 0;
		int partial = 0;
		int rejected = 0;
		long value = 0;
		for (Map.Entry<Day, Figures> e : figures.entrySet()) {
			if (e.getKey().program().equals(program)) {
				Figures f = e.getValue();
				claims += f.claims();
				coupons += f.couponsGranted();
				partial += f.partial();
				rejected += f.rejected();
				value += f.faceValueFen();
			}
		}
		Served s = served.getOrDefault(program, Served.NONE);
		return new Figures(claims, coupons, partial, rejected, null, s.brands(), s.accounts(), value, null);
	}

	private static String dryDay(Map<Day, Figures> figures, String program) {
		return figures.entrySet()
			.stream()
			.filter(e -> e.getKey().program().equals(program) && e.getValue().ranDry() != null)
			.map(e -> e.getValue().ranDry().toString().replace('T', ' '))
			.findFirst()
			.orElse("未用完 never");
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
			return "<p>没有品牌的获券数量不同 (No brand gets a different number of coupons).</p>\n";
		}
		changes.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
		Map<String, Long> shown = new LinkedHashMap<>();
		changes.stream().filter(e -> e.getValue() > 0).limit(10).forEach(e -> shown.put(e.getKey(), e.getValue()));
		changes.stream()
			.filter(e -> e.getValue() < 0)
			.sorted(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
			.limit(10)
			.forEach(e -> shown.put(e.getKey(), e.getValue()));
		StringBuilder table = new StringBuilder("<table><tr><th>品牌 brand</th><th>品牌编号 brand id</th><th>实际 actual</th>"
				+ "<th>模拟 simulated</th><th>差额 difference</th></tr>\n");
		shown.forEach((brand, change) -> table.append("<tr><td>")
			.append(esc(this.brandNames.getOrDefault(brand, brand)))
			.append("</td><td>")
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
	 * burn-down curve per value over the actual one (drawn wide and pale underneath, so a value that
	 * changes nothing still shows both), so that a policy owner sees where more cap stops buying more
	 * served brands.
	 */
	public static String sweepHtml(String title, List<String> facts, String swept, Map<String, SimulationReport> byValue) {
		SimulationReport first = byValue.values().iterator().next();
		StringBuilder page = new StringBuilder();
		page.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
			.append("</title>\n").append(STYLE).append("</head><body>\n<h1>")
			.append(esc(title))
			.append("</h1>\n<ul>");
		facts.forEach(f -> page.append("<li>").append(esc(f)).append("</li>"));
		page.append("</ul>\n");
		List<LocalDate> dates = first.dates();
		for (String program : first.programs()) {
			page.append("<h2>").append(esc(programName(program))).append("</h2>\n<table><tr><th>").append(esc(swept))
				.append("</th><th>发放（张）coupons granted</th><th>获券品牌 brands served</th><th>获券账号 accounts served</th>"
						+ "<th>未发放 rejected</th><th>面值 face value</th><th>额度首次用完 pool first ran dry</th></tr>\n");
			List<LineChart.Series> series = new ArrayList<>();
			series.add(new LineChart.Series("实际 actual runs", "#888", remaining(first.actual, dates, program), false, false,
					true, true));
			page.append(sweepRow("实际 actual runs", total(first.actual, program, first.servedActual),
					dryDay(first.actual, program), "#888"));
			int i = 0;
			for (Map.Entry<String, SimulationReport> e : byValue.entrySet()) {
				String colour = COLOURS[i++ % COLOURS.length];
				SimulationReport r = e.getValue();
				page.append(sweepRow(e.getKey(), total(r.simulated, program, r.servedSimulated), dryDay(r.simulated, program),
						colour));
				series.add(new LineChart.Series(e.getKey(), colour, remaining(r.simulated, dates, program), false, false, true,
						false));
			}
			page.append("</table>\n<p class=\"note\">每日结束时额度剩余 coupons left in the pool at the end of each day.</p>\n")
				.append(LineChart.legend(series))
				.append(LineChart.svg(programName(program) + " burn-down", dates, series, monthStarts(dates)));
		}
		return page.append("</body></html>\n").toString();
	}

	private static String sweepRow(String label, Figures f, String dry, String colour) {
		return "<tr><td><span style=\"color:" + colour + "\">&#9632;</span> " + esc(label) + "</td><td>"
				+ f.couponsGranted() + "</td><td>" + f.brandsServed() + "</td><td>" + f.accountsServed() + "</td><td>"
				+ f.rejected() + "</td><td>" + Yuan.of(f.faceValueFen()) + "</td><td>" + esc(dry) + "</td></tr>\n";
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
		return Html.escape(text);
	}

}
