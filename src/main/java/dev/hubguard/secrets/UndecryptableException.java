package dev.hubguard.secrets;

/**
 * A ciphertext did not decrypt: the wrong KEK, a missing KEK, or data moved to another
 * row. Never answered with garbage; the message names no value.
 */
class UndecryptableException extends IllegalStateException {

	UndecryptableException(String message) {
		super(message);
	}

}
