package dev.hubguard.hub;

import dev.hubguard.shared.NotFoundException;

/** A hub the catalogue does not list: rendered as 404. */
public class HubNotFoundException extends NotFoundException {

	public HubNotFoundException(HubRef ref) {
		super("No hub " + ref + " is in the catalogue.");
	}

}
