package com.livecommerce.incentive.monthly;

import com.livecommerce.incentive.common.CodeTexts;
import com.livecommerce.incentive.common.Html;
import com.livecommerce.incentive.common.LineChart;
import com.livecommerce.incentive.monthly.MonthlyReportData.Day;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * The month's report for operators and policy owners: {@code <out>/<yyyy-MM>/report-<yyyy-MM>.html},
 * one self-contained page (inline CSS and SVG, nothing fetched), well-formed XHTML. Per program a
 * chart of the pool's cumulative consumption (granted − returned) by business date against the
 * cap in force that day, and the day the pool ran out ({@link LineChart}); totals per program and
 * the top brands (by name) straight from monthly_summary, so the page never disagrees with the
 * table; clawbacks by reason. Programs, reasons and industries in the words of {@link CodeTexts}.
 * A pure function of {@link MonthlyReportData}: the monthly-report step reads, renders and writes.
 */
final class MonthlyReportPage {

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
			.append("td.name,th.name{text-align:left}.chart{margin:1em 0 2em}.note{color:#666}.legend{margin:0.3em 0}</style>\n</head>\n<body>\n")
			.append("<h1>流量券月报 ").append(month).append("</h1>\n")
			.append("<p class=\"note\">数据截至 ").append(data.month().atEndOfMonth())
			.append("（Asia/Shanghai）。合计与品牌排名取自 monthly_summary；曲线为各业务日结束时的累计发放减回收。</p>\n");
		totals(html, data.totals());
		for (Map.Entry<String, List<Day>> program : data.curves().entrySet()) {
			chart(html, program.getKey(), program.getValue(), data.month());
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
			html.append("<tr><td class=\"name\">").append(Html.escape(programName(program))).append("</td>")
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

	private static void chart(StringBuilder html, String program, List<Day> days, YearMonth month) {
		// from the month's first night (a policy may start mid-month) to its last day
		LocalDate first = days.isEmpty() ? month.atDay(1) : days.get(0).date();
		List<LocalDate> dates = first.datesUntil(month.atEndOfMonth().plusDays(1)).toList();
		Map<LocalDate, Day> byDate = new java.util.HashMap<>();
		days.forEach(d -> byDate.put(d.date(), d));
		Day ranOut = days.stream().filter(d -> d.remaining() == 0).findFirst().orElse(null);
		String name = programName(program);
		html.append("<h2>").append(Html.escape(name)).append(" 流量券消耗</h2>\n<div class=\"chart\">\n")
			.append("<p data-program=\"").append(program).append("\" data-field=\"ran_out\">")
			.append(ranOut == null ? "本月额度未用完" : "额度用完于 " + ranOut.date())
			.append("</p>\n");
		List<LineChart.Series> series = List.of(
				new LineChart.Series("额度（当日生效版本的月度额度）", "#c0392b",
						dates.stream().map(d -> byDate.containsKey(d) ? byDate.get(d).cap() : null).toList(), true, true,
						false, true),
				new LineChart.Series("累计消耗（发放减回收）", "#2c7fb8",
						dates.stream().map(d -> byDate.containsKey(d) ? byDate.get(d).net() : null).toList(), false, false,
						false, false));
		List<LineChart.Marker> markers = ranOut == null ? List.of()
				: List.of(new LineChart.Marker(dates.indexOf(ranOut.date()), "用完 " + ranOut.date(), "#e67e22"));
		html.append(LineChart.legend(series))
			.append(LineChart.svg(name + "：累计消耗与额度", dates, series, markers));
		html.append("<table class=\"days\" data-program=\"").append(program).append("\">\n")
			.append("<tr><th class=\"name\">业务日</th><th>额度</th><th>累计消耗</th><th>剩余</th></tr>\n");
		for (Day d : days) {
			html.append("<tr><td class=\"name\">").append(d.date()).append("</td><td>").append(d.cap())
				.append("</td><td>").append(d.net()).append("</td><td>").append(d.remaining()).append("</td></tr>\n");
		}
		html.append("</table>\n</div>\n");
	}

	/** "成长扶持（GROWTH）": the name a reader knows, the code a data analyst searches for. */
	private static String programName(String program) {
		return CodeTexts.text("program", program) + "（" + program + "）";
	}

	private static void clawbacks(StringBuilder html, List<MonthlyReportData.ClawbackReason> reasons) {
		html.append("<h2>回收（按原因）</h2>\n<table id=\"clawbacks\">\n<tr><th class=\"name\">原因</th>")
			.append("<th class=\"name\">条款</th><th>次数</th><th>回收（张）</th><th>无法回收（张）</th></tr>\n");
		for (MonthlyReportData.ClawbackReason r : reasons) {
			html.append("<tr><td class=\"name\" data-field=\"trigger_code\" data-code=\"").append(Html.escape(r.triggerCode()))
				.append("\">").append(Html.escape(CodeTexts.text("trigger", r.triggerCode()))).append("</td><td class=\"name\">")
				.append(Html.escape(r.clause())).append("</td><td>").append(r.clawbacks()).append("</td><td>")
				.append(r.clawed()).append("</td><td>").append(r.unrecoverable()).append("</td></tr>\n");
		}
		html.append("</table>\n");
	}

	private static void topBrands(StringBuilder html, List<MonthlyReportData.Brand> brands) {
		html.append("<h2>发放最多的品牌</h2>\n<table id=\"top-brands\">\n<tr><th class=\"name\">品牌</th>")
			.append("<th class=\"name\">品牌编号</th><th class=\"name\">行业</th><th>发放（张）</th><th>面值（元）</th><th>已使用</th><th>回收</th></tr>\n");
		for (MonthlyReportData.Brand b : brands) {
			html.append("<tr><td class=\"name\" data-field=\"brand_name\">").append(Html.escape(b.brandName()))
				.append("</td><td class=\"name\" data-field=\"brand_id\">").append(Html.escape(b.brandId()))
				.append("</td><td class=\"name\">").append(Html.escape(CodeTexts.text("industry", b.industry())))
				.append("</td><td data-brand=\"").append(Html.escape(b.brandId()))
				.append("\" data-field=\"coupons_granted\">").append(b.couponsGranted()).append("</td><td>")
				.append(yuan(b.grantedValueFen())).append("</td><td>").append(b.couponsUsed()).append("</td><td>")
				.append(b.couponsClawedBack()).append("</td></tr>\n");
		}
		html.append("</table>\n");
	}

	private static String yuan(long fen) {
		return java.math.BigDecimal.valueOf(fen).movePointLeft(2).toPlainString();
	}

}
