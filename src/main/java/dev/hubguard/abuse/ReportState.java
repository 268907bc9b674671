package dev.hubguard.abuse;

/** Where an abuse report is in triage. */
public enum ReportState {

	OPEN, INVESTIGATING, RESOLVED, FALSE_POSITIVE;

	boolean isOpen() {
		return this == OPEN || this == INVESTIGATING;
	}

}
