package com.livecommerce.incentive.common;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The one line chart of the product's pages (the monthly report, the simulation page): business
 * dates along the bottom, coupons up the side, inline SVG, nothing fetched. What it promises, and
 * a real browser checks ({@code MonthlyReportBrowserTest}, {@code SimulationPageBrowserTest}): no
 * label runs off the chart or over another; the y axis has a scale (ticks and grid lines, not one
 * number); an underlay series is drawn wide and pale under the others, so a curve identical to it
 * still shows both; markers (a pool that ran dry, a month's pool starting) are vertical lines with
 * their label in a free row above the plot. The legend is HTML beside the chart, never inside it.
 */
public final class LineChart {

	public static final int WIDTH = 760;

	private static final int HEIGHT = 280;

	private static final int LEFT = 64;

	private static final int RIGHT = 20;

	/** Two rows of marker labels above the plot. */
	private static final int TOP = 40;

	private static final int BOTTOM = 30;

	private static final int FONT = 11;

	/**
	 * One curve.
	 *
	 * @param values one per date; null where the series has no value that day (a gap)
	 * @param step drawn as steps (a cap that holds until it changes), not straight between days
	 * @param dashed a dashed line
	 * @param dotFirstZero a dot on the first day the value is 0 (a pool that ran dry)
	 * @param underlay drawn wide and pale, first, under the others (the actual runs under simulated ones)
	 */
	public record Series(String label, String colour, List<Integer> values, boolean step, boolean dashed,
			boolean dotFirstZero, boolean underlay) {
	}

	/** A vertical line at the date of {@code index}, labelled above the plot. */
	public record Marker(int index, String label, String colour) {
	}

	private LineChart() {
	}

	/** The chart as an inline SVG element. */
	public static String svg(String ariaLabel, List<LocalDate> dates, List<Series> series, List<Marker> markers) {
		int top = niceTop(series);
		int step = niceStep(top);
		StringBuilder svg = new StringBuilder();
		svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
			.append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"")
			.append(Html.escape(ariaLabel)).append("\" font-family=\"sans-serif\">\n");
		int bottomY = HEIGHT - BOTTOM;
		for (int v = 0; v <= top; v += step) {
			int y = y(v, top);
			svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(y).append("\" x2=\"").append(WIDTH - RIGHT)
				.append("\" y2=\"").append(y).append("\" stroke=\"").append(v == 0 ? "#888" : "#e6e6e6").append("\"/>\n");
			svg.append(text(LEFT - 6, y + 4, "end", "#555", Integer.toString(v)));
		}
		svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
			.append("\" y2=\"").append(bottomY).append("\" stroke=\"#888\"/>\n");
		svg.append(text(LEFT - 6, TOP - 16, "end", "#555", "张"));
		// up to eight dates, evenly spaced, the first and the last among them
		int labels = Math.min(dates.size(), 8);
		for (int j = 0; j < labels; j++) {
			int i = labels == 1 ? 0 : Math.round((float) j * (dates.size() - 1) / (labels - 1));
			String anchor = labels == 1 ? "middle" : j == 0 ? "start" : j == labels - 1 ? "end" : "middle";
			svg.append(text(x(i, dates.size()), bottomY + 16, anchor, "#555", dates.get(i).toString().substring(5)));
		}
		// labels above the plot, each in the first row where it overlaps no other
		List<List<int[]>> rows = List.of(new ArrayList<>(), new ArrayList<>());
		for (Marker m : markers) {
			int x = x(m.index(), dates.size());
			svg.append("<line x1=\"").append(x).append("\" y1=\"").append(TOP).append("\" x2=\"").append(x)
				.append("\" y2=\"").append(bottomY).append("\" stroke=\"").append(m.colour())
				.append("\" stroke-dasharray=\"2 3\"/>\n");
			int width = textWidth(m.label());
			boolean toTheLeft = x + 3 + width > WIDTH - 2;
			int from = toTheLeft ? x - 3 - width : x + 3;
			for (int r = 0; r < rows.size(); r++) {
				if (rows.get(r).stream().noneMatch(span -> from < span[1] + 4 && span[0] < from + width + 4)) {
					rows.get(r).add(new int[] { from, from + width });
					svg.append(text(toTheLeft ? x - 3 : x + 3, 14 + r * 14, toTheLeft ? "end" : "start", m.colour(),
							m.label()));
					break;
				}
			}
		}
		series.stream().filter(Series::underlay).forEach(s -> svg.append(curve(s, dates.size(), top)));
		series.stream().filter(s -> !s.underlay()).forEach(s -> svg.append(curve(s, dates.size(), top)));
		return svg.append("</svg>\n").toString();
	}

	/** The legend, as HTML to stand above the chart: a swatch of each series' line and its label. */
	public static String legend(List<Series> series) {
		StringBuilder html = new StringBuilder("<p class=\"legend\">");
		for (Series one : series) {
			html.append("<span style=\"margin-right:1.5em;white-space:nowrap\"><svg xmlns=\"http://www.w3.org/2000/svg\"")
				.append(" width=\"28\" height=\"10\" style=\"vertical-align:middle\"><line x1=\"0\" y1=\"5\" x2=\"28\" y2=\"5\"")
				.append(stroke(one)).append("/></svg> ").append(Html.escape(one.label())).append("</span>");
		}
		return html.append("</p>\n").toString();
	}

	private static String curve(Series series, int n, int top) {
		StringBuilder out = new StringBuilder();
		StringBuilder points = new StringBuilder();
		Integer previous = null;
		boolean dotted = false;
		for (int i = 0; i < series.values().size(); i++) {
			Integer v = series.values().get(i);
			if (v == null) {
				out.append(polyline(points, series));
				points.setLength(0);
				previous = null;
				continue;
			}
			int x = x(i, n);
			if (series.step() && previous != null && !previous.equals(v)) {
				points.append(x).append(',').append(y(previous, top)).append(' ');
			}
			points.append(x).append(',').append(y(v, top)).append(' ');
			previous = v;
			if (series.dotFirstZero() && !dotted && v == 0) {
				dotted = true;
				out.append("<circle cx=\"").append(x).append("\" cy=\"").append(y(0, top)).append("\" r=\"").append(series.underlay() ? 6 : 4)
					.append("\" fill=\"").append(series.colour()).append("\"><title>").append(Html.escape(series.label()))
					.append(": 0</title></circle>\n");
			}
		}
		return out.append(polyline(points, series)).toString();
	}

	private static String polyline(StringBuilder points, Series series) {
		if (points.isEmpty()) {
			return "";
		}
		return "<polyline fill=\"none\"" + stroke(series) + " points=\"" + points.toString().trim() + "\"/>\n";
	}

	/** An underlay wide and pale, so another series drawn over it leaves it visible. */
	private static String stroke(Series series) {
		boolean under = series.underlay();
		return " stroke=\"" + series.colour() + "\" stroke-width=\"" + (under ? 6 : 2) + "\""
				+ (under ? " stroke-opacity=\"0.45\" stroke-linecap=\"round\" stroke-linejoin=\"round\"" : "")
				+ (series.dashed() ? " stroke-dasharray=\"6 4\"" : "");
	}

	/** A top a little above the highest value, on a tick. */
	private static int niceTop(List<Series> series) {
		int max = series.stream()
			.flatMap(s -> s.values().stream())
			.filter(java.util.Objects::nonNull)
			.mapToInt(Integer::intValue)
			.max()
			.orElse(0);
		int step = niceStep(Math.max(1, max));
		return Math.max(step, (max / step + 1) * step);
	}

	/** 1, 2 or 5 times a power of ten, giving four or five ticks up to {@code top}. */
	private static int niceStep(int top) {
		long raw = Math.max(1, top / 4);
		long power = 1;
		while (power * 10 <= raw) {
			power *= 10;
		}
		long step = raw <= power ? power : raw <= 2 * power ? 2 * power : raw <= 5 * power ? 5 * power : 10 * power;
		return (int) step;
	}

	private static int x(int index, int n) {
		int plot = WIDTH - LEFT - RIGHT;
		return LEFT + (n <= 1 ? plot / 2 : index * plot / (n - 1));
	}

	private static int y(int value, int top) {
		return HEIGHT - BOTTOM - (int) ((long) value * (HEIGHT - BOTTOM - TOP) / Math.max(1, top));
	}

	/** A generous estimate of a label's width at 11 px: a Han character is as wide as the font, others about 0.62 of it. */
	private static int textWidth(String text) {
		double width = 0;
		for (int c : text.codePoints().toArray()) {
			width += Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN || c > 0x2E80 ? FONT : FONT * 0.62;
		}
		return (int) Math.ceil(width);
	}

	private static String text(int x, int y, String anchor, String colour, String text) {
		return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"" + FONT + "\" text-anchor=\"" + anchor + "\" fill=\""
				+ colour + "\">" + Html.escape(text) + "</text>\n";
	}

}
