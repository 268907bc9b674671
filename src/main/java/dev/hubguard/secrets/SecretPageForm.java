package dev.hubguard.secrets;

/**
 * The secret form of the page. A value typed or uploaded is never put back into the page:
 * after a failed submit the form returns without it. A blank value on an existing secret
 * keeps its value.
 */
public record SecretPageForm(String name, String delivery, String description, String rotateBy, String value,
		Integer ifMatch, String justification) {

	static SecretPageForm empty() {
		return new SecretPageForm(null, "ENV", null, null, null, null, null);
	}

	/** The form replacing {@code secret}: everything as it is but the value. */
	static SecretPageForm replacing(SecretView secret) {
		return new SecretPageForm(secret.name(), secret.delivery().name(), secret.description(),
				secret.rotateBy() == null ? null : secret.rotateBy().toString(), null, secret.version(), null);
	}

	/** The same, to replace {@code version}. */
	SecretPageForm withIfMatch(Integer version) {
		return new SecretPageForm(name, delivery, description, rotateBy, null, version, justification);
	}

	SecretPageForm withoutValue() {
		return new SecretPageForm(name, delivery, description, rotateBy, null, ifMatch, justification);
	}

	SecretForm toForm(byte[] upload) {
		String base64 = upload == null || upload.length == 0 ? null
				: java.util.Base64.getEncoder().encodeToString(upload);
		String text = base64 != null || value == null || value.isEmpty() ? null : value;
		return new SecretForm(text, base64, delivery, description, rotateBy, justification);
	}

	@Override
	public String toString() {
		return "SecretPageForm[name=" + name + ", delivery=" + delivery + ", value=(hidden)]";
	}

}
