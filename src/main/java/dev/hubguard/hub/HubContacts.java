package dev.hubguard.hub;

import java.util.List;

/**
 * Where the catalogue says to tell a hub's people things ({@code notify:} of a hub):
 * email addresses, and the key of a chat webhook whose URL lives in a mounted file (never
 * in the catalogue).
 *
 * @param chat the webhook's key, or null
 */
public record HubContacts(List<String> emails, String chat) {

	public HubContacts {
		emails = emails == null ? List.of() : List.copyOf(emails);
	}

	public static HubContacts none() {
		return new HubContacts(List.of(), null);
	}

}
