package dev.hubguard.isolation;

import java.util.Locale;

/** The outcome of one check for one hub. */
public enum Result {

	PASS, WARN, FAIL, UNKNOWN, EXEMPT;

	/** Lower case, as the API and CSS classes spell it. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Whether the check's severity counts in the score. */
	boolean scored() {
		return this == PASS || this == WARN || this == FAIL;
	}

}
