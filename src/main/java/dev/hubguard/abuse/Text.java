package dev.hubguard.abuse;

/** Small text helpers shared by the intake parsers. */
final class Text {

	private static final int EXCERPT_LENGTH = 80;

	private Text() {
	}

	/**
	 * A short, single-line, quoted copy of untrusted text, safe to put in a message or a
	 * log line.
	 */
	static String excerpt(String text) {
		if (text == null) {
			return "null";
		}
		boolean cut = text.length() > EXCERPT_LENGTH;
		return "'" + printable(cut ? text.substring(0, EXCERPT_LENGTH) : text) + (cut ? "...'" : "'");
	}

	/** The text with control characters and line separators replaced by '?': one line. */
	static String printable(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			out.append((Character.isISOControl(c) || c == '\u2028' || c == '\u2029') ? '?' : c);
		}
		return out.toString();
	}

	/** Null for null or blank text; NUL characters (which Postgres refuses) replaced. */
	static String cleanOrNull(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		return text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
	}

}
