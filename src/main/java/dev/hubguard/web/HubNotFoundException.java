package dev.hubguard.web;

import dev.hubguard.shared.InvalidInputException;
import dev.hubguard.shared.NotFoundException;
import dev.hubguard.hub.HubRef;

public class HubNotFoundException extends NotFoundException {

	public HubNotFoundException(HubRef ref) {
		super("No hub " + ref + " is in the catalogue.");
	}

}
