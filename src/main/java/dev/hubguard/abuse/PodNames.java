package dev.hubguard.abuse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * KubeSpawner's names for user pods, read back to usernames where that is possible. Pure.
 * <ul>
 * <li>{@link Scheme#ESCAPED} (KubeSpawner before 7, Z2JH before 4): {@code jupyter-} and
 * the username with every byte of a character outside {@code [a-z0-9]} written as
 * {@code -} and two lowercase hex digits; reversible.</li>
 * <li>{@link Scheme#SAFE} (KubeSpawner 7): a username that is already safe as it is,
 * otherwise a lossy slug ending in {@code ---} and a hash, which cannot be read
 * back.</li>
 * </ul>
 * Named servers follow {@code --}; before KubeSpawner 1, a single {@code -}.
 */
final class PodNames {

	/** How a hub's KubeSpawner names pods. */
	enum Scheme {

		ESCAPED, SAFE

	}

	static final String PREFIX = "jupyter-";

	private static final Pattern SAFE_USERNAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

	private static final Pattern HASHED = Pattern.compile(".*---[0-9a-f]{8}(--.*)?");

	private static final Pattern PLAIN = Pattern.compile("[a-z0-9]+");

	private PodNames() {
	}

	/** The pre-7 escaping of a username. */
	static String escape(String username) {
		StringBuilder out = new StringBuilder();
		for (byte b : username.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				out.append((char) c);
			}
			else {
				out.append('-').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
			}
		}
		return out.toString();
	}

	/**
	 * The scheme a live pod's name shows, given the username of its annotation; empty
	 * when both schemes would give this name (a username of only {@code [a-z0-9]}) or
	 * neither.
	 */
	static Optional<Scheme> schemeOf(String pod, String username) {
		if (pod == null || username == null || !pod.startsWith(PREFIX) || PLAIN.matcher(username).matches()) {
			return Optional.empty();
		}
		String rest = pod.substring(PREFIX.length());
		String escaped = escape(username);
		if (rest.equals(escaped) || rest.startsWith(escaped + "-")) {
			return Optional.of(Scheme.ESCAPED);
		}
		if (HASHED.matcher(rest).matches()
				|| (safe(username) && (rest.equals(username) || rest.startsWith(username + "--")))) {
			return Optional.of(Scheme.SAFE);
		}
		return Optional.empty();
	}

	/**
	 * The username a pod's name gives under the hub's scheme, or empty when it cannot be
	 * told. With the scheme unknown (null), only a name both schemes agree on is read.
	 */
	static Optional<String> username(String pod, Scheme scheme) {
		if (pod == null || !pod.startsWith(PREFIX) || pod.length() == PREFIX.length()) {
			return Optional.empty();
		}
		String rest = pod.substring(PREFIX.length());
		int named = rest.indexOf("--");
		String user = named >= 0 ? rest.substring(0, named) : rest;
		if (scheme == null) {
			boolean plain = PLAIN.matcher(user).matches() && !HASHED.matcher(rest).matches();
			return plain ? Optional.of(user) : Optional.empty();
		}
		return switch (scheme) {
			case ESCAPED -> unescape(user);
			case SAFE -> HASHED.matcher(rest).matches() || !safe(user) ? Optional.empty() : Optional.of(user);
		};
	}

	private static boolean safe(String username) {
		return SAFE_USERNAME.matcher(username).matches() && !username.contains("--");
	}

	/**
	 * Reverses the escaping up to the end or to a {@code -} that starts no escape (a
	 * named server before KubeSpawner 1).
	 */
	private static Optional<String> unescape(String escaped) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		int i = 0;
		while (i < escaped.length()) {
			char c = escaped.charAt(i);
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				bytes.write(c);
				i++;
				continue;
			}
			if (c != '-') {
				return Optional.empty();
			}
			int value = i + 2 < escaped.length() ? hex(escaped.charAt(i + 1), escaped.charAt(i + 2)) : -1;
			boolean escapesASafeCharacter = (value >= 'a' && value <= 'z') || (value >= '0' && value <= '9');
			if (value < 0 || escapesASafeCharacter) {
				break;
			}
			bytes.write(value);
			i += 3;
		}
		if (bytes.size() == 0) {
			return Optional.empty();
		}
		try {
			return Optional.of(StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString());
		}
		catch (CharacterCodingException ex) {
			return Optional.empty();
		}
	}

	private static int hex(char high, char low) {
		int h = lowerHex(high);
		int l = lowerHex(low);
		return h < 0 || l < 0 ? -1 : h * 16 + l;
	}

	private static int lowerHex(char c) {
		return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
	}

}
