package dev.hubguard.abuse;

import dev.hubguard.shared.InvalidInputException;

/**
 * An Alertmanager webhook payload that cannot be accepted. The message tells the sender
 * what to fix; {@link #field()} names the place, such as {@code alerts[3].startsAt}, or
 * is null when the body as a whole is wrong. Rendered as 400 {@code {error, message,
 * field}}.
 */
public class InvalidPayloadException extends InvalidInputException {

	public InvalidPayloadException(String field, String message) {
		super(field, message);
	}

}
