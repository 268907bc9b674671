package dev.hubguard.shared;

/**
 * Something the caller asked for does not exist (or must not be revealed): rendered as
 * 404.
 */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
