package dev.hubguard.egress;

import dev.hubguard.shared.InvalidInputException;

/** The page's form: the allow-list as text, one entry a line. */
record InternetAccessPageForm(String mode, Boolean allowPrivate, String allowList, String justification,
		Integer baseVersion, Long replaces) {

	InternetAccessPageForm(String mode, Boolean allowPrivate, String allowList, String justification,
			Integer baseVersion) {
		this(mode, allowPrivate, allowList, justification, baseVersion, null);
	}

	static InternetAccessPageForm from(InternetAccessView.Desired desired) {
		if (desired == null) {
			return new InternetAccessPageForm("WEB_ONLY", false, "", "", 0);
		}
		return new InternetAccessPageForm(desired.policy().mode().name(), desired.policy().allowPrivate(),
				AllowListText.format(desired.policy().rules()), "", desired.version());
	}

	InternetAccessForm toForm() {
		AccessMode parsed;
		try {
			parsed = mode == null ? null : AccessMode.valueOf(mode);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("mode",
					"Choose a mode: Open internet, Web only, Allow-list or Blocked (no internet).");
		}
		return new InternetAccessForm(
				parsed, Boolean.TRUE.equals(allowPrivate), parsed == AccessMode.ALLOWLIST
						? AllowListText.parse(allowList, Boolean.TRUE.equals(allowPrivate)) : java.util.List.of(),
				justification, baseVersion, replaces);
	}

}
