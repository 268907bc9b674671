package dev.hubguard.identity;

import dev.hubguard.shared.InvalidInputException;

/** A token request that cannot be honoured; names the field at fault. */
class InvalidTokenRequestException extends InvalidInputException {

	InvalidTokenRequestException(String field, String message) {
		super(field, message);
	}

}
