package dev.hubguard.shared;

import java.util.regex.Pattern;

/**
 * Whether a text is an email address in the plain form identity providers assert
 * ({@code local@domain.tld}): a dot-atom local part and a domain of two or more DNS
 * labels. Quoted local parts, address literals and comments are refused: a claim that is
 * not such an address names nobody.
 */
public final class EmailAddress {

	private static final Pattern LOCAL = Pattern
		.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

	private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

	private EmailAddress() {
	}

	public static boolean isValid(String text) {
		if (text == null || text.length() > 254) {
			return false;
		}
		int at = text.lastIndexOf('@');
		if (at <= 0 || at > 64 || text.indexOf('@') != at) {
			return false;
		}
		if (!LOCAL.matcher(text.substring(0, at)).matches()) {
			return false;
		}
		String[] labels = text.substring(at + 1).split("\\.", -1);
		if (labels.length < 2) {
			return false;
		}
		for (String label : labels) {
			if (!LABEL.matcher(label).matches()) {
				return false;
			}
		}
		return !labels[labels.length - 1].matches("\\d+");
	}

	/**
	 * Whether a configured entry (an admin's or staff member's) names an email: GitHub
	 * logins and CILogon subjects never contain {@code @}.
	 */
	public static boolean isEmailEntry(String entry) {
		return entry != null && entry.indexOf('@') >= 0;
	}

}
