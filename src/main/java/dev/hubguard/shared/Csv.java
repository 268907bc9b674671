package dev.hubguard.shared;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CSV cells for spreadsheets: quoted where needed, and a cell that a spreadsheet would
 * take for a formula prefixed with an apostrophe. A formula starts with {@code = + - @}
 * (or their full-width forms {@code ＝ ＋ － ＠}), tab or carriage return, after any spaces;
 * and since spreadsheets in many locales split on {@code ;}, every part after a {@code ;}
 * is checked as a cell of its own (and the cell is quoted).
 */
public final class Csv {

	private static final Pattern FORMULA_START = Pattern
		.compile("(^|;)(\\s*)(?=[=+\\-@\\t\\r\uFF1D\uFF0B\uFF0D\uFF20])");

	private Csv() {
	}

	public static String cell(String value) {
		String text = value == null ? "" : value;
		text = FORMULA_START.matcher(text)
			.replaceAll(match -> Matcher.quoteReplacement(match.group(1) + "'" + match.group(2)));
		if (text.contains(",") || text.contains(";") || text.contains("\"") || text.contains("\n")
				|| text.contains("\r")) {
			text = "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

	public static String row(List<String> cells) {
		return String.join(",", cells.stream().map(Csv::cell).toList()) + "\r\n";
	}

}
