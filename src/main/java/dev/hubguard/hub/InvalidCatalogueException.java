package dev.hubguard.hub;

/** The catalogue file cannot be imported; the message says which entry is wrong. */
public class InvalidCatalogueException extends RuntimeException {

	public InvalidCatalogueException(String message) {
		super(message);
	}

}
