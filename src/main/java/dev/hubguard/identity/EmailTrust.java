package dev.hubguard.identity;

import dev.hubguard.hub.AdminCandidate;
import dev.hubguard.shared.EmailAddress;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether a CILogon email may name someone in admin and staff rules. CILogon passes on
 * what the upstream identity provider asserted, and not every provider verifies emails;
 * with {@code hubguard.identity.cilogon.trusted-idps} set, only emails from those
 * providers count (rules by provider + domain, and staff by subject, are unaffected).
 * Unset, every provider is trusted. A claim that is not a syntactically valid email never
 * counts as one.
 */
@Component
class EmailTrust {

	private final List<String> trustedIdps;

	EmailTrust(IdentityProperties properties) {
		this.trustedIdps = properties.cilogon().trustedIdps();
	}

	private boolean trustsProvider(Identity who) {
		return trustedIdps.isEmpty() || (who.idp() != null && trustedIdps.contains(who.idp()));
	}

	/**
	 * The CILogon email that may name this person in admin and staff rules: valid and
	 * asserted by a trusted provider. Never a GitHub sign-in's email.
	 */
	Optional<String> trustedEmail(Identity who) {
		return who.provider() == Identity.Provider.CILOGON && EmailAddress.isValid(who.email()) && trustsProvider(who)
				? Optional.of(who.email()) : Optional.empty();
	}

	/** The identity as the admin rules may see it. */
	AdminCandidate candidate(Identity who) {
		return switch (who.provider()) {
			case GITHUB -> AdminCandidate.github(who.username(), who.githubTeams());
			case CILOGON -> AdminCandidate.cilogon(who.email(), trustedEmail(who).isPresent(), who.idp());
		};
	}

}
