package dev.hubguard.shared;

/** The caller may see the thing but not do this to it: rendered as 403. */
public class ForbiddenException extends RuntimeException {

	public ForbiddenException(String message) {
		super(message);
	}

}
