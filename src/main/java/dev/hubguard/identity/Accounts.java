package dev.hubguard.identity;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
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

	Accounts(AccountRepository repository, AuditLog audit, Clock clock) {
		this.repository = repository;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Whether two handles may be one person: the same handle, or accounts (under any
	 * provider) with the same email. Used to keep the four-eyes rule when someone signs
	 * in both with GitHub and with CILogon.
	 */
	@Transactional(readOnly = true)
	public boolean samePerson(String handle, Identity other) {
		if (handle.equals(other.handle())) {
			return true;
		}
		if (other.email() == null) {
			return false;
		}
		int colon = handle.indexOf(':');
		if (colon < 0) {
			return false;
		}
		return repository.findByProviderAndUsername(handle.substring(0, colon), handle.substring(colon + 1))
			.stream()
			.anyMatch(account -> other.email().equalsIgnoreCase(account.email()));
	}

	@Transactional
	public PortalAuthentication signedIn(Identity identity) {
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

}
