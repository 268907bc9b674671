package dev.hubguard.isolation;

/**
 * How much a check weighs in the score; informational checks are shown and never scored.
 */
public enum Severity {

	CRITICAL(4), HIGH(3), MEDIUM(2), LOW(1), INFO(0);

	private final int weight;

	Severity(int weight) {
		this.weight = weight;
	}

	public int weight() {
		return weight;
	}

}
