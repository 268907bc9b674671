package dev.hubguard.identity;

import dev.hubguard.shared.NotFoundException;

class TokenNotFoundException extends NotFoundException {

	TokenNotFoundException(long id) {
		super("No API token " + id + " of yours exists.");
	}

}
