package dev.hubguard.shared;

/**
 * The request clashes with the current state (a newer version, a decided request):
 * rendered as 409.
 */
public class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}

}
