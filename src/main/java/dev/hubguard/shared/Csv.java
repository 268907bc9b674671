package dev.hubguard.shared;

import java.util.List;

/**
 * CSV cells for spreadsheets: quoted where needed, and a cell that a spreadsheet would
 * take for a formula ({@code = + - @}, tab, carriage return) prefixed with an apostrophe.
 */
public final class Csv {

	private Csv() {
	}

	public static String cell(String value) {
		String text = value == null ? "" : value;
		if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
			text = "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

	public static String row(List<String> cells) {
		return String.join(",", cells.stream().map(Csv::cell).toList()) + "\r\n";
	}

}
