package dev.hubguard.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The configured key-encryption keys by id and the one that encrypts. Its
 * {@code toString} names the ids only.
 */
final class KeyRing {

	static final String HOW_TO_MAKE_ONE = "Make a key with `head -c 32 /dev/urandom | base64` and set "
			+ "HUBGUARD_KEKS=<id>:<that base64> (or HUBGUARD_KEK_FILE=<file with one id:base64 per line>) "
			+ "and HUBGUARD_KEK_PRIMARY=<id>.";

	private final Map<String, SecretKey> keys;

	private final String primary;

	KeyRing(Map<String, byte[]> keys, String primary) {
		if (keys.isEmpty()) {
			throw new IllegalStateException(
					"No key-encryption key (KEK) is configured, so secrets cannot be stored. " + HOW_TO_MAKE_ONE);
		}
		if (primary == null || primary.isBlank()) {
			if (keys.size() != 1) {
				throw new IllegalStateException("Several KEKs are configured (" + String.join(", ", keys.keySet())
						+ "): set HUBGUARD_KEK_PRIMARY to the one that encrypts.");
			}
			primary = keys.keySet().iterator().next();
		}
		if (!keys.containsKey(primary)) {
			throw new IllegalStateException("HUBGUARD_KEK_PRIMARY names KEK '" + primary
					+ "', which is not configured (configured: " + String.join(", ", keys.keySet()) + ").");
		}
		Map<String, SecretKey> built = new LinkedHashMap<>();
		keys.forEach((id, bytes) -> built.put(id, new SecretKeySpec(bytes, "AES")));
		this.keys = Map.copyOf(built);
		this.primary = primary;
	}

	/** Reads {@code HUBGUARD_KEKS} and {@code HUBGUARD_KEK_FILE}; fails with advice. */
	static KeyRing from(KekProperties properties) {
		List<String> entries = new ArrayList<>();
		if (properties.keks() != null) {
			entries.addAll(List.of(properties.keks().split(",")));
		}
		if (properties.kekFile() != null && !properties.kekFile().isBlank()) {
			try {
				entries.addAll(Files.readAllLines(Path.of(properties.kekFile())));
			}
			catch (IOException ex) {
				throw new IllegalStateException("HUBGUARD_KEK_FILE " + properties.kekFile() + " cannot be read ("
						+ ex.getClass().getSimpleName() + "). " + HOW_TO_MAKE_ONE);
			}
		}
		Map<String, byte[]> keys = new LinkedHashMap<>();
		for (String raw : entries) {
			String entry = raw.strip();
			if (entry.isEmpty() || entry.startsWith("#")) {
				continue;
			}
			int colon = entry.indexOf(':');
			String id = colon < 0 ? "" : entry.substring(0, colon).strip();
			if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
				throw new IllegalStateException("A KEK entry is not 'id:base64' with an id of letters, digits, "
						+ "'.', '_' or '-'. " + HOW_TO_MAKE_ONE);
			}
			byte[] key;
			try {
				key = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("KEK '" + id + "' is not valid base64. " + HOW_TO_MAKE_ONE);
			}
			if (key.length != 32) {
				throw new IllegalStateException(
						"KEK '" + id + "' has " + key.length + " bytes; AES-256 needs 32. " + HOW_TO_MAKE_ONE);
			}
			if (keys.put(id, key) != null) {
				throw new IllegalStateException("KEK '" + id + "' is configured twice.");
			}
		}
		return new KeyRing(keys, properties.kekPrimary());
	}

	String primaryId() {
		return primary;
	}

	SecretKey primaryKey() {
		return keys.get(primary);
	}

	boolean has(String id) {
		return keys.containsKey(id);
	}

	/** The KEK with this id; fails when it is not configured. */
	SecretKey key(String id) {
		SecretKey key = keys.get(id);
		if (key == null) {
			throw new UndecryptableException(
					"a value is encrypted under KEK '" + id + "', which is not configured (configured: "
							+ String.join(", ", keys.keySet()) + "); configure it again or restore the data");
		}
		return key;
	}

	Set<String> ids() {
		return keys.keySet();
	}

	@Override
	public String toString() {
		return "KeyRing[primary=" + primary + ", ids=" + keys.keySet() + "]";
	}

}
