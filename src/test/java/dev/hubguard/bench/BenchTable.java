package dev.hubguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one {@code bench/run}: each beside its target, or "no figure" with the
 * reason it could not be measured, plus notes on how the run went.
 */
final class BenchTable {

	private record Row(String figure, String measured, String target, String met) {
	}

	private final List<Row> rows = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	/** A figure with a target; {@code met} is null where there is no target to meet. */
	synchronized void add(String figure, String measured, String target, Boolean met) {
		rows.add(new Row(figure, measured, target, met == null ? "" : met ? "yes" : "NO"));
		System.out.printf("  %s: %s (target %s)%n", figure, measured, target.isEmpty() ? "none" : target);
	}

	synchronized void noFigure(String figure, String target, Throwable reason) {
		String why = reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage();
		why = why.lines().findFirst().orElse(why);
		rows.add(new Row(figure, "no figure: " + (why.length() > 90 ? why.substring(0, 90) + "…" : why), target, "?"));
		System.out.printf("  %s: no figure: %s%n", figure, why);
	}

	synchronized void note(String note) {
		notes.add(note);
		System.out.println("  note: " + note);
	}

	/** The table as text, with the load average now. */
	synchronized String render() {
		int figure = "figure".length();
		int measured = "measured".length();
		int target = "target".length();
		for (Row row : rows) {
			figure = Math.max(figure, row.figure().length());
			measured = Math.max(measured, row.measured().length());
			target = Math.max(target, row.target().length());
		}
		String format = "%-" + figure + "s  %-" + measured + "s  %-" + target + "s  %s%n";
		StringBuilder text = new StringBuilder();
		text.append(String.format(format, "figure", "measured", "target", "met?"));
		text.append(String.format(format, "-".repeat(figure), "-".repeat(measured), "-".repeat(target), "----"));
		for (Row row : rows) {
			text.append(String.format(format, row.figure(), row.measured(), row.target(), row.met()));
		}
		text.append("load average at the end (1/5/15 min): ").append(loadAverage()).append('\n');
		for (String note : notes) {
			text.append("note: ").append(note).append('\n');
		}
		return text.toString();
	}

	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " " + fields[1] + " " + fields[2] + " on " + Runtime.getRuntime().availableProcessors()
					+ " cores";
		}
		catch (IOException ex) {
			return "unknown (" + ex.getMessage() + ")";
		}
	}

}
