package com.livecommerce.incentive.monthly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The month's report for operators and policy owners: {@code <out>/<yyyy-MM>/report-<yyyy-MM>.html},
 * one self-contained page (inline CSS and SVG, nothing fetched), well-formed XHTML. Per program a
 * chart of the pool's cumulative consumption (granted − returned) by business date against the
 * cap in force that day, and the day the pool ran out; totals per program and the top brands
 * straight from monthly_summary, so the page never disagrees with the table; clawbacks by reason.
 */
class MonthlyReport implements Tasklet {

	private static final int TOP_BRANDS = 10;

	private static final int WIDTH = 640;

	private static final int HEIGHT = 240;

	private static final int MARGIN = 40;

	private final MonthlyRun run;

	private final JdbcTemplate jdbc;

	MonthlyReport(MonthlyRun run, JdbcTemplate jdbc) {
		this.run = run;
		this.jdbc = jdbc;
	}

	static String fileName(String poolMonth) {
		return "report-" + poolMonth + ".html";
	}

	record Day(LocalDate date, Integer cap, int net, int remaining) {
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		String month = this.run.poolMonth();
		StringBuilder html = new StringBuilder();
		html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\">\n<head>\n")
			.append("<meta charset=\"utf-8\"/>\n<title>流量券月报 ").append(month).append("</title>\n")
			.append("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
			.append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}")
			.append("td.name,th.name{text-align:left}.chart{margin:1em 0 2em}.note{color:#666}</style>\n</head>\n<body>\n")
			.append("<h1>流量券月报 ").append(month).append("</h1>\n")
			.append("<p class=\"note\">数据截至 ").append(this.run.lastDay())
			.append("（Asia/Shanghai）。合计与品牌排名取自 monthly_summary；曲线为各业务日结束时的累计发放减回收。</p>\n");
		totals(html, month);
		for (Map.Entry<String, List<Day>> program : curves(month).entrySet()) {
			chart(html, program.getKey(), program.getValue());
		}
		clawbacks(html, month);
		topBrands(html, month);
		html.append("</body>\n</html>\n");
		write(html.toString());
		return RepeatStatus.FINISHED;
	}

	private void totals(StringBuilder html, String month) {
		html.append("<h2>各项目合计</h2>\n<table id=\"totals\">\n<tr><th class=\"name\">项目</th><th>申请次数</th>")
			.append("<th>发放（张）</th><th>面值（元）</th><th>已使用</th><th>回收</th><th>过期</th><th>未使用</th></tr>\n");
		this.jdbc.query("""
				SELECT program, SUM(claims), SUM(coupons_granted), SUM(granted_value_fen), SUM(coupons_used),
				  SUM(coupons_clawed_back), SUM(coupons_expired), SUM(coupons_unused)
				FROM monthly_summary WHERE pool_month = ? GROUP BY program ORDER BY program""", rs -> {
			String program = rs.getString(1);
			html.append("<tr><td class=\"name\">").append(program).append("</td>")
				.append(cell(program, "claims", rs.getLong(2)))
				.append(cell(program, "coupons_granted", rs.getLong(3)))
				.append(cell(program, "granted_value_yuan", yuan(rs.getLong(4))))
				.append(cell(program, "coupons_used", rs.getLong(5)))
				.append(cell(program, "coupons_clawed_back", rs.getLong(6)))
				.append(cell(program, "coupons_expired", rs.getLong(7)))
				.append(cell(program, "coupons_unused", rs.getLong(8)))
				.append("</tr>\n");
		}, month);
		html.append("</table>\n");
	}

	private static String cell(String program, String field, Object value) {
		return "<td data-program=\"" + program + "\" data-field=\"" + field + "\">" + value + "</td>";
	}

	/** Per program, the days of the month with a run: cap that day, cumulative net consumption, what was left. */
	private Map<String, List<Day>> curves(String month) {
		Map<String, List<Day>> curves = new TreeMap<>();
		this.jdbc.query("""
				SELECT s.program, s.business_date, s.monthly_cap, s.pool_remaining,
				  COALESCE((SELECT SUM(g.granted_coupons) FROM coupon_grant g
				            WHERE g.pool_month = ? AND g.program = s.program AND g.business_date <= s.business_date), 0)
				  - COALESCE((SELECT SUM(c.clawed_coupons) FROM coupon_clawback c WHERE c.pool_month = ?
				              AND c.program = s.program AND c.returned_to_pool AND c.business_date <= s.business_date), 0)
				FROM daily_summary s
				WHERE s.business_date BETWEEN ? AND ? AND s.monthly_cap IS NOT NULL
				ORDER BY s.program, s.business_date""", rs -> {
			curves.computeIfAbsent(rs.getString(1), p -> new ArrayList<>())
				.add(new Day(rs.getObject(2, LocalDate.class), rs.getInt(3), rs.getInt(5), rs.getInt(4)));
		}, month, month, this.run.month().atDay(1), this.run.lastDay());
		return curves;
	}

	private void chart(StringBuilder html, String program, List<Day> days) {
		int days0 = this.run.month().lengthOfMonth();
		int top = days.stream().mapToInt(d -> Math.max(d.cap(), d.net())).max().orElse(1);
		top = Math.max(1, top + top / 10);
		Day ranOut = days.stream().filter(d -> d.remaining() == 0).findFirst().orElse(null);
		html.append("<h2>").append(program).append(" 流量券消耗</h2>\n<div class=\"chart\">\n")
			.append("<p data-program=\"").append(program).append("\" data-field=\"ran_out\">")
			.append(ranOut == null ? "本月额度未用完" : "额度用完于 " + ranOut.date())
			.append("</p>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
			.append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
			.append("\" role=\"img\" aria-label=\"").append(program).append(" cumulative consumption against cap\">\n");
		int x0 = MARGIN;
		int y0 = HEIGHT - MARGIN;
		html.append("<line x1=\"").append(x0).append("\" y1=\"").append(y0).append("\" x2=\"").append(WIDTH - 10)
			.append("\" y2=\"").append(y0).append("\" stroke=\"#999\"/>\n")
			.append("<line x1=\"").append(x0).append("\" y1=\"10\" x2=\"").append(x0).append("\" y2=\"").append(y0)
			.append("\" stroke=\"#999\"/>\n");
		html.append(text(4, y0, "0")).append(text(4, y(top, top) + 4, Integer.toString(top)));
		for (int d : new int[] { 1, 8, 15, 22, days0 }) {
			html.append(text(x(d, days0) - 4, HEIGHT - MARGIN + 16, Integer.toString(d)));
		}
		// The cap as a step line over the whole month: the first day's cap from day 1, each later
		// cap from its day on, the last one to the month's end.
		StringBuilder cap = new StringBuilder();
		StringBuilder net = new StringBuilder();
		Integer previousCap = null;
		for (Day d : days) {
			int x = x(d.date().getDayOfMonth(), days0);
			if (previousCap == null) {
				cap.append(x(1, days0)).append(',').append(y(d.cap(), top)).append(' ');
			}
			else if (!previousCap.equals(d.cap())) {
				cap.append(x).append(',').append(y(previousCap, top)).append(' ');
			}
			cap.append(x).append(',').append(y(d.cap(), top)).append(' ');
			previousCap = d.cap();
			net.append(x).append(',').append(y(d.net(), top)).append(' ');
		}
		if (previousCap != null) {
			cap.append(x(days0, days0)).append(',').append(y(previousCap, top));
		}
		html.append("<polyline fill=\"none\" stroke=\"#c0392b\" stroke-dasharray=\"6 4\" points=\"")
			.append(cap.toString().trim()).append("\"/>\n")
			.append("<polyline fill=\"none\" stroke=\"#2c7fb8\" stroke-width=\"2\" points=\"")
			.append(net.toString().trim()).append("\"/>\n");
		for (Day d : days) {
			html.append("<circle cx=\"").append(x(d.date().getDayOfMonth(), days0)).append("\" cy=\"")
				.append(y(d.net(), top)).append("\" r=\"3\" fill=\"#2c7fb8\"><title>").append(d.date()).append(": ")
				.append(d.net()).append(" / ").append(d.cap()).append("</title></circle>\n");
		}
		if (ranOut != null) {
			int x = x(ranOut.date().getDayOfMonth(), days0);
			html.append("<line x1=\"").append(x).append("\" y1=\"10\" x2=\"").append(x).append("\" y2=\"").append(y0)
				.append("\" stroke=\"#e67e22\"/>\n").append(text(x + 4, 22, "用完 " + ranOut.date()));
		}
		html.append(text(WIDTH - 180, 22, "— 累计消耗   - - 额度"));
		html.append("</svg>\n<table class=\"days\" data-program=\"").append(program).append("\">\n")
			.append("<tr><th class=\"name\">业务日</th><th>额度</th><th>累计消耗</th><th>剩余</th></tr>\n");
		for (Day d : days) {
			html.append("<tr><td class=\"name\">").append(d.date()).append("</td><td>").append(d.cap())
				.append("</td><td>").append(d.net()).append("</td><td>").append(d.remaining()).append("</td></tr>\n");
		}
		html.append("</table>\n</div>\n");
	}

	private void clawbacks(StringBuilder html, String month) {
		html.append("<h2>回收（按原因）</h2>\n<table id=\"clawbacks\">\n<tr><th class=\"name\">原因</th>")
			.append("<th class=\"name\">条款</th><th>次数</th><th>回收（张）</th><th>无法回收（张）</th></tr>\n");
		this.jdbc.query("""
				SELECT trigger_code, clause, COUNT(*), SUM(clawed_coupons), SUM(unrecoverable_coupons) FROM coupon_clawback
				WHERE pool_month = ? AND business_date <= ? GROUP BY trigger_code, clause ORDER BY trigger_code, clause""",
				rs -> {
					html.append("<tr><td class=\"name\">").append(escape(rs.getString(1))).append("</td><td class=\"name\">")
						.append(escape(rs.getString(2))).append("</td><td>").append(rs.getLong(3)).append("</td><td>")
						.append(rs.getLong(4)).append("</td><td>").append(rs.getLong(5)).append("</td></tr>\n");
				}, month, this.run.lastDay());
		html.append("</table>\n");
	}

	private void topBrands(StringBuilder html, String month) {
		html.append("<h2>发放最多的品牌</h2>\n<table id=\"top-brands\">\n<tr><th class=\"name\">品牌</th>")
			.append("<th class=\"name\">行业</th><th>发放（张）</th><th>面值（元）</th><th>已使用</th><th>回收</th></tr>\n");
		this.jdbc.query("""
				SELECT brand_id, industry, SUM(coupons_granted) AS granted, SUM(granted_value_fen), SUM(coupons_used),
				  SUM(coupons_clawed_back)
				FROM monthly_summary WHERE pool_month = ? GROUP BY brand_id, industry
				ORDER BY granted DESC, brand_id LIMIT ?""", rs -> {
			html.append("<tr><td class=\"name\" data-field=\"brand_id\">").append(escape(rs.getString(1)))
				.append("</td><td class=\"name\">").append(escape(rs.getString(2)))
				.append("</td><td data-brand=\"").append(escape(rs.getString(1)))
				.append("\" data-field=\"coupons_granted\">").append(rs.getLong(3)).append("</td><td>")
				.append(yuan(rs.getLong(4))).append("</td><td>").append(rs.getLong(5)).append("</td><td>")
				.append(rs.getLong(6)).append("</td></tr>\n");
		}, month, TOP_BRANDS);
		html.append("</table>\n");
	}

	private void write(String html) {
		Path dir = this.run.outMonth();
		Path target = dir.resolve(fileName(this.run.poolMonth()));
		try {
			Files.createDirectories(dir);
			Path temp = dir.resolve("." + target.getFileName() + ".tmp");
			Files.writeString(temp, html, StandardCharsets.UTF_8);
			Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the monthly report " + target, ex);
		}
	}

	private static int x(int dayOfMonth, int days) {
		return MARGIN + (dayOfMonth - 1) * (WIDTH - MARGIN - 20) / Math.max(1, days - 1);
	}

	private static int y(int value, int top) {
		return HEIGHT - MARGIN - value * (HEIGHT - MARGIN - 10) / top;
	}

	private static String text(int x, int y, String text) {
		return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"11\" fill=\"#555\">" + escape(text) + "</text>\n";
	}

	private static String yuan(long fen) {
		return java.math.BigDecimal.valueOf(fen).movePointLeft(2).toPlainString();
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
			.replace("'", "&#39;");
	}

}
