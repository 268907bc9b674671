package dev.hubguard.secrets;

/**
 * The body of {@code PUT /api/v1/hubs/{cluster}/{hub}/secrets/{name}}: a text
 * {@code value} or bytes in {@code valueBase64} (neither: keep the current value), the
 * delivery, a description, an optional rotate-by date ({@code yyyy-mm-dd}), and for a hub
 * whose secrets need approval, a justification.
 */
public record SecretForm(String value, String valueBase64, String delivery, String description, String rotateBy,
		String justification) {

	@Override
	public String toString() {
		return "SecretForm[delivery=" + delivery + ", value=(hidden)]";
	}

}
