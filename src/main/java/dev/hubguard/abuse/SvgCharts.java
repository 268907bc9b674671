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

	static String line(List<Point> points, String unit) {
		int width = 720;
		int height = 160;
		StringBuilder svg = open(width, height, "Usage over time in " + unit);
		if (points.isEmpty()) {
			return svg.append(text(width / 2.0, height / 2.0, "no data")).append("</svg>").toString();
		}
		double max = Math.max(points.stream().mapToDouble(Point::value).max().orElse(1), 1e-9);
		long start = points.get(0).at().getEpochSecond();
		long span = Math.max(1, points.get(points.size() - 1).at().getEpochSecond() - start);
		StringBuilder path = new StringBuilder();
		for (Point point : points) {
			double x = 50 + (width - 60) * (point.at().getEpochSecond() - start) / (double) span;
			double y = height - 20 - (height - 40) * point.value() / max;
			path.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
		}
		svg.append("<polyline class=\"series\" fill=\"none\" points=\"").append(path.toString().strip()).append("\"/>");
		svg.append(text(24, 16, format(max) + " " + unit));
		svg.append(text(60, height - 5, TIME.format(points.get(0).at())));
		svg.append(text(width - 30, height - 5, TIME.format(points.get(points.size() - 1).at())));
		return svg.append("</svg>").toString();
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
		return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>", x, y, value);
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
