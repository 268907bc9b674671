package dev.hubguard.secrets;

import dev.hubguard.shared.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A refused change on the secrets page, phrased for the page (its buttons, not the API's
 * headers): the message, the id of the field it belongs next to (or null), and the form
 * to show again, with everything typed but the value.
 */
record SecretFailure(String message, String field, SecretPageForm form) {

	/** The page's field for each field the rules name. */
	private static final Map<String, String> FIELDS = Map.of("name", "secret-name", "value", "secret-value",
			"valueBase64", "secret-value", "description", "secret-description", "rotateBy", "secret-rotate-by",
			"delivery", "delivery-env", "justification", "secret-justification");

	static SecretFailure ofSet(RuntimeException ex, SecretPageForm form, List<SecretView> secrets) {
		SecretPageForm kept = form.withoutValue();
		if (ex instanceof InvalidInputException invalid) {
			return new SecretFailure(ex.getMessage(), FIELDS.get(invalid.field()), kept);
		}
		Optional<SecretView> current = find(secrets, form.name());
		if (form.ifMatch() == null) {
			return current
				.map(s -> new SecretFailure(s.name() + " already exists (version " + s.version()
						+ "). To change it, use Replace in its row.", "secret-name", kept))
				.orElseGet(() -> new SecretFailure(ex.getMessage(), null, kept));
		}
		return current
			.map(s -> new SecretFailure(changedMeanwhile(s)
					+ " Everything you typed is kept but the value: check it and save again to replace version "
					+ s.version() + ".", null, kept.withIfMatch(s.version())))
			.orElseGet(() -> new SecretFailure(form.name() + " no longer exists (it was deleted meanwhile). Save to "
					+ "add it anew; give its value again.", "secret-value", kept.withIfMatch(null)));
	}

	static SecretFailure ofDelete(RuntimeException ex, String name, List<SecretView> secrets) {
		return find(secrets, name)
			.map(s -> new SecretFailure(changedMeanwhile(s) + " Nothing was deleted: look at it and delete again.",
					null, SecretPageForm.empty()))
			.orElseGet(() -> new SecretFailure(name + " no longer exists: nothing was deleted.", null,
					SecretPageForm.empty()));
	}

	private static String changedMeanwhile(SecretView s) {
		return s.name() + " was changed meanwhile by " + s.updatedBy() + " (now version " + s.version() + ").";
	}

	private static Optional<SecretView> find(List<SecretView> secrets, String name) {
		return secrets.stream().filter(s -> s.name().equals(name)).findFirst();
	}

}
