package dev.hubguard.identity;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import dev.hubguard.shared.EmailAddress;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records sign-ins: creates the account at first sign-in and refreshes it at every later
 * one.
 */
@Service
public class Accounts {

	private final AccountRepository repository;

	private final AuditLog audit;

	private final Clock clock;

	private final EmailTrust emailTrust;

	Accounts(AccountRepository repository, AuditLog audit, Clock clock, EmailTrust emailTrust) {
		this.repository = repository;
		this.audit = audit;
		this.clock = clock;
		this.emailTrust = emailTrust;
	}

	@Transactional
	public PortalAuthentication signedIn(Identity signedIn) {
		Identity identity = unique(signedIn);
		Account account = repository.findByProviderAndSubject(identity.provider().id(), identity.subject())
			.map(existing -> {
				existing.signedIn(identity, clock.instant());
				return existing;
			})
			.orElseGet(() -> repository.save(new Account(identity, clock.instant())));
		audit.record(AuditEvent.of(identity.handle(), null, "identity.signed-in",
				"Signed in with " + identity.provider().id()));
		return PortalAuthentication.session(account.id(), identity);
	}

	/**
	 * The identity as it may be recorded: with a handle no other account holds.
	 * <ul>
	 * <li>CILogon: an email that another trusted account of CILogon already holds is not
	 * this identity's (any upstream provider may assert any email): it is dropped, so it
	 * gives no role, and the handle becomes the subject. The same goes for a handle
	 * another account holds, and for an email {@link EmailTrust} does not trust.</li>
	 * <li>GitHub: a login belongs to whoever GitHub gives it to now; an older account
	 * that had it (a renamed user) goes by its GitHub id until it signs in again.</li>
	 * </ul>
	 */
	private Identity unique(Identity who) {
		String provider = who.provider().id();
		if (who.provider() == Identity.Provider.GITHUB) {
			repository.findByProviderAndUsername(provider, who.username())
				.stream()
				.filter(other -> !other.subject().equals(who.subject()))
				.forEach(Account::releaseUsername);
			repository.flush();
			return who;
		}
		String email = EmailAddress.isValid(who.email()) ? who.email() : null;
		boolean trusted = emailTrust.trustedEmail(who).isPresent();
		if (trusted && repository.findByProviderAndEmail(provider, email)
			.stream()
			.anyMatch(other -> !other.subject().equals(who.subject())
					&& emailTrust.trustedEmail(other.identity()).isPresent())) {
			email = null;
			trusted = false;
		}
		String username = who.username();
		boolean usernameIsEmail = who.email() != null && username.equalsIgnoreCase(who.email());
		if ((usernameIsEmail && !trusted) || heldByAnother(provider, username, who.subject())) {
			username = who.subject();
		}
		String name = who.displayName().equals(who.username()) ? null : who.displayName();
		return new Identity(who.provider(), who.subject(), username, email, name, who.idp(), who.githubTeams());
	}

	private boolean heldByAnother(String provider, String username, String subject) {
		return repository.findByProviderAndUsername(provider, username)
			.stream()
			.anyMatch(other -> !other.subject().equals(subject));
	}

}
