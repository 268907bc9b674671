package dev.hubguard.identity;

/** The provider's discovery document could not be read; the sign-in page says so. */
class SignInProviderUnavailableException extends RuntimeException {

	SignInProviderUnavailableException(String provider, Throwable cause) {
		super(provider + " cannot be reached right now; try again in a minute.", cause);
	}

}
