package com.livecommerce.incentive.monthly;

import com.livecommerce.incentive.monthly.MonthlyReportData.Day;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The month's report for operators and policy owners: {@code <out>/<yyyy-MM>/report-<yyyy-MM>.html},
 * one self-contained page (inline CSS and SVG, nothing fetched), well-formed XHTML. Per program a
 * chart of the pool's cumulative consumption (granted − returned) by business date against the
 * cap in force that day, and the day the pool ran out; totals per program and the top brands
 * straight from monthly_summary, so the page never disagrees with the table; clawbacks by reason.
 * A pure function of {@link MonthlyReportData}: the monthly-report step reads, renders and writes.
 */
final class MonthlyReportPage {

	private static final int WIDTH = 640;

	private static final int HEIGHT = 240;

	private static final int MARGIN = 40;

	private MonthlyReportPage() {
	}

	static String fileName(String poolMonth) {
		return "report-" + poolMonth + ".html";
	}

	/** The page, from what {@link MonthlyReportData} read: no database needed. */
	static String render(MonthlyReportData data) {
		String month = data.month().toString();
		StringBuilder html = new StringBuilder();
		html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"zh-CN\">\n<head>\n")
			.append("<meta charset=\"utf-8\"/>\n<title>流量券月报 ").append(month).append("</title>\n")
			.append("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
			.append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}")
			.append("td.name,th.name{text-align:left}.chart{margin:1em 0 2em}.note{color:#666}</style>\n</head>\n<body>\n")
			.append("<h1>流量券月报 ").append(month).append("</h1>\n")
			.append("<p class=\"note\">数据截至 ").append(data.month().atEndOfMonth())
			.append("（Asia/Shanghai）。合计与品牌排名取自 monthly_summary；曲线为各业务日结束时的累计发放减回收。</p>\n");
		totals(html, data.totals());
		for (Map.Entry<String, List<Day>> program : data.curves().entrySet()) {
			chart(html, program.getKey(), program.getValue(), data.month().lengthOfMonth());
		}
		clawbacks(html, data.clawbacks());
		topBrands(html, data.topBrands());
		html.append("</body>\n</html>\n");
		return html.toString();
	}

	private static void totals(StringBuilder html, List<MonthlyReportData.Total> totals) {
		html.append("<h2>各项目合计</h2>\n<table id=\"totals\">\n<tr><th class=\"name\">项目</th><th>申请次数</th>")
			.append("<th>发放（张）</th><th>面值（元）</th><th>已使用</th><th>回收</th><th>过期</th><th>未使用</th></tr>\n");
		for (MonthlyReportData.Total t : totals) {
			String program = t.program();
			html.append("<tr><td class=\"name\">").append(program).append("</td>")
				.append(cell(program, "claims", t.claims()))
				.append(cell(program, "coupons_granted", t.couponsGranted()))
				.append(cell(program, "granted_value_yuan", yuan(t.grantedValueFen())))
				.append(cell(program, "coupons_used", t.couponsUsed()))
				.append(cell(program, "coupons_clawed_back", t.couponsClawedBack()))
				.append(cell(program, "coupons_expired", t.couponsExpired()))
				.append(cell(program, "coupons_unused", t.couponsUnused()))
				.append("</tr>\n");
		}
		html.append("</table>\n");
	}

	private static String cell(String program, String field, Object value) {
		return "<td data-program=\"" + program + "\" data-field=\"" + field + "\">" + value + "</td>";
	}

	private static void chart(StringBuilder html, String program, List<Day> days, int days0) {
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

	private static void clawbacks(StringBuilder html, List<MonthlyReportData.ClawbackReason> reasons) {
		html.append("<h2>回收（按原因）</h2>\n<table id=\"clawbacks\">\n<tr><th class=\"name\">原因</th>")
			.append("<th class=\"name\">条款</th><th>次数</th><th>回收（张）</th><th>无法回收（张）</th></tr>\n");
		for (MonthlyReportData.ClawbackReason r : reasons) {
			html.append("<tr><td class=\"name\">").append(escape(r.triggerCode())).append("</td><td class=\"name\">")
				.append(escape(r.clause())).append("</td><td>").append(r.clawbacks()).append("</td><td>")
				.append(r.clawed()).append("</td><td>").append(r.unrecoverable()).append("</td></tr>\n");
		}
		html.append("</table>\n");
	}

	private static void topBrands(StringBuilder html, List<MonthlyReportData.Brand> brands) {
		html.append("<h2>发放最多的品牌</h2>\n<table id=\"top-brands\">\n<tr><th class=\"name\">品牌</th>")
			.append("<th class=\"name\">行业</th><th>发放（张）</th><th>面值（元）</th><th>已使用</th><th>回收</th></tr>\n");
		for (MonthlyReportData.Brand b : brands) {
			html.append("<tr><td class=\"name\" data-field=\"brand_id\">").append(escape(b.brandId()))
				.append("</td><td class=\"name\">").append(escape(b.industry()))
				.append("</td><td data-brand=\"").append(escape(b.brandId()))
				.append("\" data-field=\"coupons_granted\">").append(b.couponsGranted()).append("</td><td>")
				.append(yuan(b.grantedValueFen())).append("</td><td>").append(b.couponsUsed()).append("</td><td>")
				.append(b.couponsClawedBack()).append("</td></tr>\n");
		}
		html.append("</table>\n");
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
