package dev.hubguard.identity;

import java.util.Set;

/**
 * A signed-in identity described as a person, for rules that must compare people rather
 * than sign-ins (four eyes).
 *
 * @param handle how this identity appears on requests and in the audit log
 * @param rosterPerson the staff roster's id of the person this identity belongs to, or
 * {@code null} when the roster does not list it
 * @param verifiedEmails the emails the identity's provider vouched for and Hubguard
 * trusts
 */
public record Person(String handle, String rosterPerson, Set<String> verifiedEmails) {

	public Person {
		verifiedEmails = verifiedEmails == null ? Set.of() : Set.copyOf(verifiedEmails);
	}

}
