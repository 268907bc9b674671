package dev.hubguard.secrets;

import dev.hubguard.shared.InvalidInputException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a secret may be: pure checks, each failing with the field and a message the user
 * can act on.
 */
final class SecretRules {

	static final int MAX_SECRETS = 100;

	/** Kubernetes' limit on a Secret: raw value bytes plus key names. */
	static final int MAX_SECRET_BYTES = 1024 * 1024;

	static final int MAX_DESCRIPTION = 500;

	private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private static final Pattern FILE_NAME = Pattern.compile("[-._A-Za-z0-9]+");

	private SecretRules() {
	}

	static Delivery delivery(String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException("delivery", "Choose a delivery: ENV (a variable) or FILE (a file).");
		}
		try {
			return Delivery.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("delivery", "The delivery is ENV or FILE.");
		}
	}

	/**
	 * A secret's name: its syntax, and for a variable {@link NameRules} with the names
	 * staff allowed for the hub ({@code allowedForHub}, upper case).
	 */
	static void name(String name, Delivery delivery, Set<String> allowedForHub) {
		if (name == null || name.isEmpty()) {
			throw new InvalidInputException("name", "A secret needs a name.");
		}
		if (name.length() > 253) {
			throw new InvalidInputException("name", "A name has at most 253 characters.");
		}
		if (delivery == Delivery.ENV && !ENV_NAME.matcher(name).matches()) {
			throw new InvalidInputException("name", "A variable's name is letters, digits and '_', not starting "
					+ "with a digit (such as OPENAI_API_KEY).");
		}
		if (delivery == Delivery.FILE
				&& (!FILE_NAME.matcher(name).matches() || name.equals(".") || name.startsWith(".."))) {
			throw new InvalidInputException("name", "A file's name is letters, digits, '-', '_' and '.', "
					+ "not '.' and not starting with '..' (such as licence.lic).");
		}
		if (delivery == Delivery.ENV) {
			java.util.Optional<String> refusal = NameRules.refusal(name, allowedForHub);
			if (refusal.isPresent()) {
				throw new InvalidInputException("name", refusal.get());
			}
		}
		else if (NameRules.fileNameRefused(name)) {
			throw new InvalidInputException("name", "'" + name + "' would let users change how their server or "
					+ "its tools run; choose another name.");
		}
	}

	static void value(byte[] value, Delivery delivery, String field) {
		if (value == null || value.length == 0) {
			throw new InvalidInputException(field, "The value is empty.");
		}
		if (delivery == Delivery.ENV) {
			for (byte b : value) {
				if (b == 0) {
					throw new InvalidInputException(field,
							"An environment variable cannot hold a NUL byte; deliver it as a file.");
				}
			}
		}
		if (value.length > MAX_SECRET_BYTES) {
			throw new InvalidInputException(field, "A value has at most 1 MiB.");
		}
	}

	static void description(String description) {
		if (description != null && description.length() > MAX_DESCRIPTION) {
			throw new InvalidInputException("description", "A description has at most 500 characters.");
		}
	}

	/**
	 * The hub's secrets after the change, by name, must fit: at most 100, and each
	 * Kubernetes Secret at most 1 MiB in value bytes plus key names.
	 */
	static void fits(Map<String, Size> after, String field) {
		if (after.size() > MAX_SECRETS) {
			throw new InvalidInputException("name", "A hub has at most " + MAX_SECRETS + " secrets.");
		}
		for (Delivery delivery : Delivery.values()) {
			long bytes = after.entrySet()
				.stream()
				.filter(e -> e.getValue().delivery() == delivery)
				.mapToLong(e -> e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
						+ (long) e.getValue().bytes())
				.sum();
			if (bytes > MAX_SECRET_BYTES) {
				throw new InvalidInputException(field,
						"The hub's " + (delivery == Delivery.ENV ? "variables" : "files") + " would hold " + bytes
								+ " bytes; Kubernetes keeps at most 1 MiB (1048576 bytes) " + "in one Secret.");
			}
		}
	}

	record Size(Delivery delivery, int bytes) {
	}

}
