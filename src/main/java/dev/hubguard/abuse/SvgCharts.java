package dev.hubguard.abuse;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Small server-side SVG charts: no script, so they pass the Content-Security-Policy and
 * work without JS. Only numbers and fixed labels go into the markup, never text from
 * alerts.
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

	static String bars(List<Day> days) {
		int width = 720;
		int height = 180;
		long max = Math.max(1, days.stream().mapToLong(d -> d.alertmanager() + d.cryptnono()).max().orElse(1));
		double slot = (double) (width - 40) / Math.max(1, days.size());
		StringBuilder svg = open(width, height, "Alerts per day by source");
		for (int i = 0; i < days.size(); i++) {
			Day day = days.get(i);
			double x = 30 + i * slot;
			double h1 = (height - 40) * day.cryptnono() / (double) max;
			double h2 = (height - 40) * day.alertmanager() / (double) max;
			svg.append(rect(x + 2, height - 20 - h1, slot - 4, h1, "bar-cryptnono"));
			svg.append(rect(x + 2, height - 20 - h1 - h2, slot - 4, h2, "bar-alertmanager"));
			if (days.size() <= 31 && (i % Math.max(1, days.size() / 7) == 0)) {
				svg.append(text(x + slot / 2, height - 5, DAY.format(day.day())));
			}
		}
		svg.append(text(14, 16, String.valueOf(max)));
		return svg.append("</svg>").toString();
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
		StringBuilder svg = new StringBuilder(
				"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart usage-chart\" viewBox=\"0 0 ")
			.append(USAGE_WIDTH)
			.append(' ')
			.append(USAGE_HEIGHT)
			.append("\" role=\"img\"><title>")
			.append(chart.title())
			.append("</title>");
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
		java.util.function.DoubleUnaryOperator y = v -> bottom - (bottom - top) * (v / top_value);
		java.util.function.LongToDoubleFunction x = t -> left + (right - left) * (t - from) / (double) span;
		for (double v = 0; v <= top_value + step / 2; v += step) {
			svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
					left, y.applyAsDouble(v), right, y.applyAsDouble(v)));
			svg.append(text(left - 6, y.applyAsDouble(v) + 5, tick(v, step), "end"));
		}
		long hour = 3600;
		for (long t = (from + hour - 1) / hour * hour; t <= from + span; t += hour) {
			double at = x.applyAsDouble(t);
			svg.append(String.format(Locale.ROOT, "<line class=\"tick\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>",
					at, bottom, at, bottom + 5));
			svg.append(text(at, bottom + 21, TIME.format(Instant.ofEpochSecond(t)), "middle"));
		}
		svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", left,
				bottom, right, bottom));
		svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", left,
				top, left, bottom));
		svg.append(text((left + right) / 2.0, USAGE_HEIGHT - 4, "time (UTC)", "middle").replace("<text ",
				"<text class=\"axis-title\" "));
		svg.append(String.format(Locale.ROOT,
				"<text class=\"axis-title\" x=\"14\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 14 %.1f)\">%s</text>",
				(top + bottom) / 2.0, (top + bottom) / 2.0, chart.unit().label));
		for (Instant alert : chart.alerts()) {
			if (alert.isBefore(chart.start()) || alert.isAfter(chart.end())) {
				continue;
			}
			double at = x.applyAsDouble(alert.getEpochSecond());
			svg.append(String.format(Locale.ROOT,
					"<g class=\"marker\"><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
							+ "<polygon points=\"%.1f,%d %.1f,%d %.1f,%d\"/><title>alert at %s</title></g>",
					at, top, at, bottom, at - 5, top, at + 5, top, at, top + 8, TIME.format(alert)));
		}
		if (chart.limit() != null) {
			double at = y.applyAsDouble(chart.limit() / chart.unit().divisor);
			svg.append(String.format(Locale.ROOT, "<line class=\"limit\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>",
					left, at, right, at));
			svg.append(text(right - 4, at - 5,
					"limit " + tick(chart.limit() / chart.unit().divisor, step / 10) + " " + chart.unit().label, "end")
				.replace("<text ", "<text class=\"limit-label\" "));
		}
		if (chart.points().isEmpty()) {
			svg.append(text((left + right) / 2.0, (top + bottom) / 2.0, "no data in this period", "middle"));
		}
		else {
			StringBuilder path = new StringBuilder();
			for (Point point : chart.points()) {
				path.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.applyAsDouble(point.at().getEpochSecond()),
						y.applyAsDouble(point.value() / chart.unit().divisor)));
			}
			svg.append("<polyline class=\"series\" fill=\"none\" points=\"")
				.append(path.toString().strip())
				.append("\"/>");
		}
		return svg.append("</svg>").toString();
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

	private static StringBuilder open(int width, int height, String title) {
		return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ")
			.append(width)
			.append(' ')
			.append(height)
			.append("\" role=\"img\"><title>")
			.append(title)
			.append("</title><line class=\"axis\" x1=\"30\" y1=\"")
			.append(height - 20)
			.append("\" x2=\"")
			.append(width - 10)
			.append("\" y2=\"")
			.append(height - 20)
			.append("\"/>");
	}

	private static String rect(double x, double y, double w, double h, String css) {
		return String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>",
				css, x, y, Math.max(0, w), Math.max(0, h));
	}

	private static String text(double x, double y, String value) {
		return text(x, y, value, "middle");
	}

	private static String text(double x, double y, String value, String anchor) {
		return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>", x, y, anchor,
				value);
	}

	static String format(double value) {
		if (value >= 1e9) {
			return String.format(Locale.ROOT, "%.1fG", value / 1e9);
		}
		if (value >= 1e6) {
			return String.format(Locale.ROOT, "%.0fM", value / 1e6);
		}
		return String.format(Locale.ROOT, value >= 10 ? "%.0f" : "%.2f", value);
	}

}
