package dev.hubguard.hub;

import java.util.Optional;
import java.util.Set;

/**
 * What a signed-in identity tells the admin rules about itself (all values lower case).
 */
public interface AdminCandidate {

	/** The username and verified email, as the identity provider gave them. */
	Set<String> namesAndEmails();

	/** GitHub {@code org:team} memberships; empty unless signed in with GitHub. */
	Set<String> githubTeams();

	/**
	 * The upstream identity provider CILogon used; empty unless signed in with CILogon.
	 */
	Optional<String> cilogonIdp();

	Optional<String> emailDomain();

}
