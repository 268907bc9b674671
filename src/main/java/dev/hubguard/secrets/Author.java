package dev.hubguard.secrets;

/**
 * Who made a change: the person who asked ({@code by}, its author) and, for a change
 * request, the staff member who approved it and the request's id; both null when the
 * change applied at once.
 */
record Author(String by, String approvedBy, Long requestId) {

	static Author direct(String by) {
		return new Author(by, null, null);
	}

	/** The approval in words, for the audit entry: empty when there was none. */
	String approval() {
		return approvedBy == null ? "" : "; approved by " + approvedBy + " in change " + requestId;
	}

}
