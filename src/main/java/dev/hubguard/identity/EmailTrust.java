package dev.hubguard.identity;

import dev.hubguard.hub.AdminCandidate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Whether a CILogon email may name someone in admin and staff rules. CILogon passes on
 * what the upstream identity provider asserted, and not every provider verifies emails;
 * with {@code hubguard.identity.cilogon.trusted-idps} set, only emails from those
 * providers count (rules by provider + domain, and staff by subject, are unaffected).
 * Unset, every provider is trusted.
 */
@Component
class EmailTrust {

	private final List<String> trustedIdps;

	EmailTrust(IdentityProperties properties) {
		this.trustedIdps = properties.cilogon().trustedIdps();
	}

	boolean trusts(Identity who) {
		return who.provider() != Identity.Provider.CILOGON || trustedIdps.isEmpty()
				|| (who.idp() != null && trustedIdps.contains(who.idp()));
	}

	/**
	 * The identity as the admin rules may see it: without its email when that is not
	 * trusted.
	 */
	AdminCandidate candidate(Identity who) {
		if (trusts(who)) {
			return who;
		}
		return new AdminCandidate() {
			@Override
			public Set<String> namesAndEmails() {
				return Set.of();
			}

			@Override
			public Set<String> githubTeams() {
				return who.githubTeams();
			}

			@Override
			public Optional<String> cilogonIdp() {
				return who.cilogonIdp();
			}

			@Override
			public Optional<String> emailDomain() {
				return who.emailDomain();
			}
		};
	}

}
