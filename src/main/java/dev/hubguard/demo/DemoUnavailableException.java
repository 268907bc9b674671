package dev.hubguard.demo;

/**
 * Demo mode cannot start a part it needs; the message says what is missing and what to
 * do.
 */
public class DemoUnavailableException extends RuntimeException {

	private final String part;

	private final String action;

	DemoUnavailableException(String part, String description, String action) {
		super(description);
		this.part = part;
		this.action = action;
	}

	String part() {
		return part;
	}

	String action() {
		return action;
	}

}
