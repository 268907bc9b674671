package dev.hubguard.changes;

import dev.hubguard.hub.HubRef;
import java.util.List;

/**
 * Someone commented on a change request; published inside the commenting transaction. The
 * comment's text is not part of it: it is read on the request's page.
 *
 * @param by the sign-in id of who commented
 * @param participants the sign-in ids it concerns: the author, the decider and earlier
 * commenters, never {@code by}
 */
public record ChangeRequestCommented(long id, HubRef hub, String kind, String summary, String by,
		List<String> participants) {

	public ChangeRequestCommented {
		participants = List.copyOf(participants);
	}

}
