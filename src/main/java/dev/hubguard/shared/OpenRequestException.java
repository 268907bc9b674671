package dev.hubguard.shared;

/**
 * Someone asked for a change while their own request for the same thing is still open
 * (409): the answer names that request, so they can replace or withdraw it.
 */
public class OpenRequestException extends ConflictException {

	private final long openRequest;

	public OpenRequestException(long openRequest, String message) {
		super(message);
		this.openRequest = openRequest;
	}

	public long openRequest() {
		return openRequest;
	}

}
