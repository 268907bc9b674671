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
