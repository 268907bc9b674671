package dev.hubguard.identity;

/** The rule for token names: 1 to 60 printable characters. */
final class TokenName {

	private TokenName() {
	}

	static String validate(String name) {
		String trimmed = name == null ? "" : name.strip();
		if (trimmed.isEmpty()) {
			throw new InvalidTokenRequestException("name",
					"Give the token a name, such as the script that will use it.");
		}
		if (trimmed.length() > 60) {
			throw new InvalidTokenRequestException("name", "A token name has at most 60 characters.");
		}
		if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
			throw new InvalidTokenRequestException("name", "A token name cannot contain control characters.");
		}
		if (dev.hubguard.shared.BidiControls.contains(trimmed)) {
			throw new InvalidTokenRequestException("name",
					"A token name cannot contain characters that change the " + "direction of text (such as U+202E).");
		}
		return trimmed;
	}

}
