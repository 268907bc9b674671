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
