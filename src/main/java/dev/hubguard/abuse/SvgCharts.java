package dev.hubguard.abuse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongToDoubleFunction;

/**
 * Small server-side SVG charts: no script, so they pass the Content-Security-Policy and
 * work without JS. Written with {@link SvgWriter}, so any text in them (a title naming a
 * pod from an alert) stays text.
 */
final class SvgCharts {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd").withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

	private SvgCharts() {
	}

	/** One day of the alert histogram: counts per source. */
	record Day(Instant day, long alertmanager, long cryptnono) {
	}

	/** A time series point. */
	record Point(Instant at, double value) {
	}

	/**
	 * The alerts-per-day histogram. Its margins leave room for labels at twice the
	 * desktop size, which a phone's style sheet asks for (the chart shrinks to half
	 * there).
	 */
	static String bars(List<Day> days) {
		int width = 720;
		int height = 200;
		int left = 58;
		int top = 12;
		int bottom = height - 34;
		long max = Math.max(1, days.stream().mapToLong(d -> d.alertmanager() + d.cryptnono()).max().orElse(1));
		double slot = (double) (width - 10 - left) / Math.max(1, days.size());
		SvgWriter svg = SvgWriter
			.svg("class", "chart alerts-chart", "viewBox", "0 0 " + width + " " + height, "role", "img")
			.element("title", "Alerts per day by source")
			.empty("line", "class", "axis", "x1", String.valueOf(left), "y1", String.valueOf(bottom), "x2",
					String.valueOf(width - 10), "y2", String.valueOf(bottom));
		for (int i = 0; i < days.size(); i++) {
			Day day = days.get(i);
			double x = left + i * slot;
			double h1 = (bottom - top) * day.cryptnono() / (double) max;
			double h2 = (bottom - top) * day.alertmanager() / (double) max;
			rect(svg, x + 2, bottom - h1, slot - 4, h1, "bar-cryptnono");
			rect(svg, x + 2, bottom - h1 - h2, slot - 4, h2, "bar-alertmanager");
			if (days.size() <= 31 && (i % Math.max(1, days.size() / 7) == 0)) {
				text(svg, null, x + slot / 2, height - 8, DAY.format(day.day()), "middle");
			}
		}
		text(svg, null, left - 8, top + 16, String.valueOf(max), "end");
		text(svg, null, left - 8, bottom, "0", "end");
		return svg.finish();
	}

	/** What a usage chart draws: its series, the limit (or null) and alert times. */
	record Usage(String title, Unit unit, List<Point> points, Double limit, List<Instant> alerts, Instant start,
			Instant end) {
	}

	/** How a usage chart's values read: memory in GiB, CPU in cores. */
	enum Unit {

		GIB("GiB", 1024.0 * 1024 * 1024), CORES("cores", 1);

		final String label;

		final double divisor;

		Unit(String label, double divisor) {
			this.label = label;
			this.divisor = divisor;
		}

	}

	static final int USAGE_WIDTH = 480;

	static final int USAGE_HEIGHT = 270;

	/**
	 * A line chart sized to stay legible on a phone: labelled axes, horizontal gridlines
	 * at round values, hourly time ticks, the limit as a dashed line and each alert as a
	 * marker.
	 */
	static String usage(Usage chart) {
		int left = 56;
		int right = USAGE_WIDTH - 14;
		int top = 14;
		int bottom = USAGE_HEIGHT - 46;
		SvgWriter svg = SvgWriter
			.svg("class", "chart usage-chart", "viewBox", "0 0 " + USAGE_WIDTH + " " + USAGE_HEIGHT, "role", "img")
			.element("title", chart.title());
		double max = chart.points().stream().mapToDouble(Point::value).max().orElse(0) / chart.unit().divisor;
		if (chart.limit() != null) {
			max = Math.max(max, chart.limit() / chart.unit().divisor);
		}
		if (max <= 0) {
			// Nothing to show yet: an axis from 0 to 1 rather than one of zeros.
			max = 1;
		}
		double step = niceStep(max * 1.1 / 4);
		double top_value = Math.max(step, Math.ceil(max * 1.1 / step) * step);
		long from = chart.start().getEpochSecond();
		long span = Math.max(1, chart.end().getEpochSecond() - from);
		DoubleUnaryOperator y = v -> bottom - (bottom - top) * (v / top_value);
		LongToDoubleFunction x = t -> left + (right - left) * (t - from) / (double) span;
		for (double v = 0; v <= top_value + step / 2; v += step) {
			line(svg, "grid", left, y.applyAsDouble(v), right, y.applyAsDouble(v));
			text(svg, null, left - 6, y.applyAsDouble(v) + 5, tick(v, step), "end");
		}
		long hour = 3600;
		for (long t = (from + hour - 1) / hour * hour; t <= from + span; t += hour) {
			double at = x.applyAsDouble(t);
			line(svg, "tick", at, bottom, at, bottom + 5);
			text(svg, null, at, bottom + 21, TIME.format(Instant.ofEpochSecond(t)), "middle");
		}
		line(svg, "axis", left, bottom, right, bottom);
		line(svg, "axis", left, top, left, bottom);
		text(svg, "axis-title", (left + right) / 2.0, USAGE_HEIGHT - 4, "time (UTC)", "middle");
		String middle = SvgWriter.decimal((top + bottom) / 2.0);
		svg.element("text", chart.unit().label, "class", "axis-title", "x", "14", "y", middle, "text-anchor", "middle",
				"transform", "rotate(-90 14 " + middle + ")");
		for (Instant alert : chart.alerts()) {
			if (alert.isBefore(chart.start()) || alert.isAfter(chart.end())) {
				continue;
			}
			double at = x.applyAsDouble(alert.getEpochSecond());
			svg.start("g", "class", "marker")
				.empty("line", "x1", SvgWriter.decimal(at), "y1", String.valueOf(top), "x2", SvgWriter.decimal(at),
						"y2", String.valueOf(bottom))
				.empty("polygon", "points",
						String.format(Locale.ROOT, "%.1f,%d %.1f,%d %.1f,%d", at - 5, top, at + 5, top, at, top + 8))
				.element("title", "alert at " + TIME.format(alert))
				.end();
		}
		if (chart.limit() != null) {
			double at = y.applyAsDouble(chart.limit() / chart.unit().divisor);
			line(svg, "limit", left, at, right, at);
			text(svg, "limit-label", right - 4, at - 5,
					"limit " + tick(chart.limit() / chart.unit().divisor, step / 10) + " " + chart.unit().label, "end");
		}
		if (chart.points().isEmpty()) {
			text(svg, null, (left + right) / 2.0, (top + bottom) / 2.0, "no data in this period", "middle");
		}
		else {
			StringBuilder path = new StringBuilder();
			for (Point point : chart.points()) {
				path.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(point.at().getEpochSecond()),
						y.applyAsDouble(point.value() / chart.unit().divisor)));
			}
			svg.empty("polyline", "class", "series", "fill", "none", "points", path.toString().strip());
		}
		return svg.finish();
	}

	/** 1, 2 or 5 times a power of ten, at least {@code rough}. */
	static double niceStep(double rough) {
		double power = Math.pow(10, Math.floor(Math.log10(rough)));
		for (double m : new double[] { 1, 2, 5, 10 }) {
			if (m * power >= rough) {
				return m * power;
			}
		}
		return 10 * power;
	}

	/** A tick label with as many decimals as the step needs. */
	static String tick(double value, double step) {
		int decimals = step >= 1 ? 0 : (int) Math.min(3, Math.ceil(-Math.log10(step)));
		return String.format(Locale.ROOT, "%." + decimals + "f", value);
	}

	private static void rect(SvgWriter svg, double x, double y, double w, double h, String css) {
		svg.empty("rect", "class", css, "x", SvgWriter.decimal(x), "y", SvgWriter.decimal(y), "width",
				SvgWriter.decimal(Math.max(0, w)), "height", SvgWriter.decimal(Math.max(0, h)));
	}

	private static void line(SvgWriter svg, String css, double x1, double y1, double x2, double y2) {
		svg.empty("line", "class", css, "x1", coordinate(x1), "y1", coordinate(y1), "x2", coordinate(x2), "y2",
				coordinate(y2));
	}

	/** Whole pixels as integers, others with one decimal. */
	private static String coordinate(double value) {
		return value == Math.rint(value) ? String.valueOf((long) value) : SvgWriter.decimal(value);
	}

	/** A text element, with a class when {@code css} is not null. */
	private static void text(SvgWriter svg, String css, double x, double y, String value, String anchor) {
		String[] position = { "x", SvgWriter.decimal(x), "y", SvgWriter.decimal(y), "text-anchor", anchor };
		if (css == null) {
			svg.element("text", value, position);
		}
		else {
			String[] attributes = new String[position.length + 2];
			attributes[0] = "class";
			attributes[1] = css;
			System.arraycopy(position, 0, attributes, 2, position.length);
			svg.element("text", value, attributes);
		}
	}

}
