package dev.hubguard.shared;

/**
 * Unicode's explicit direction controls (U+061C, U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069). They reorder what a reader sees ({@code 1234<RLO>exe.pdf} reads as
 * {@code 1234fdp.exe}): identifiers refuse them, and pages show them as visible marks.
 */
public final class BidiControls {

	private BidiControls() {
	}

	public static boolean isControl(int codePoint) {
		return codePoint == 0x061C || codePoint == 0x200E || codePoint == 0x200F
				|| (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
	}

	/**
	 * Whether the text holds a control. Every control is a single UTF-16 unit outside the
	 * surrogates, so a plain scan of the units finds them; pages ask this of every text
	 * and attribute they render, so it makes no stream and no garbage.
	 */
	public static boolean contains(CharSequence text) {
		if (text == null) {
			return false;
		}
		for (int i = 0, length = text.length(); i < length; i++) {
			char c = text.charAt(i);
			if (c >= 0x061C && isControl(c)) {
				return true;
			}
		}
		return false;
	}

	/** The text with each control written as a visible mark, such as {@code [U+202E]}. */
	public static String visible(CharSequence text) {
		if (!contains(text)) {
			return text == null ? null : text.toString();
		}
		StringBuilder out = new StringBuilder(text.length() + 16);
		text.codePoints().forEach(c -> {
			if (isControl(c)) {
				out.append(String.format("[U+%04X]", c));
			}
			else {
				out.appendCodePoint(c);
			}
		});
		return out.toString();
	}

	/**
	 * Refuses an identifier (a ticket id, a token name) that holds a direction control.
	 */
	public static String requireNone(String field, String what, String value) {
		if (contains(value)) {
			throw new InvalidInputException(field, what + " cannot contain characters that change the direction "
					+ "of text (such as U+202E), which would make it read differently than it is.");
		}
		return value;
	}

}
