package dev.hubguard.shared;

/**
 * Input that breaks a rule: rendered as 400 with the field and a message the user can act
 * on.
 */
public class InvalidInputException extends RuntimeException {

	private final String field;

	public InvalidInputException(String field, String message) {
		super(message);
		this.field = field;
	}

	public String field() {
		return field;
	}

}
