package dev.hubguard.identity;

/** The "new API token" form and API body: a name and a lifetime in days (default 90). */
record TokenForm(String name, Integer days) {

	java.time.Duration lifetime() {
		int value = days == null ? 90 : days;
		if (value < 1 || value > 365) {
			throw new InvalidTokenRequestException("days", "A token lives between 1 and 365 days.");
		}
		return java.time.Duration.ofDays(value);
	}

}
