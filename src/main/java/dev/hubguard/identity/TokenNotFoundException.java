package dev.hubguard.identity;

import dev.hubguard.web.NotFoundException;

class TokenNotFoundException extends NotFoundException {

	TokenNotFoundException(long id) {
		super("No API token " + id + " of yours exists.");
	}

}
