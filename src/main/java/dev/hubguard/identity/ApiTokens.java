package dev.hubguard.identity;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, lists, revokes and checks personal API tokens. A token is {@code hg_} plus 32
 * random bytes; it is shown once at creation and stored only as its SHA-256 (enough for a
 * value with 256 bits of entropy).
 */
@Service
public class ApiTokens {

	static final String PREFIX = "hg_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final ApiTokenRepository tokens;

	private final AccountRepository accounts;

	private final AuditLog audit;

	private final Clock clock;

	private final TokenProperties properties;

	ApiTokens(ApiTokenRepository tokens, AccountRepository accounts, AuditLog audit, Clock clock,
			TokenProperties properties) {
		this.tokens = tokens;
		this.accounts = accounts;
		this.audit = audit;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * Creates a token; the returned value is the only time the plain token exists outside
	 * the caller.
	 */
	@Transactional
	public CreatedToken create(PortalAuthentication owner, String name, Duration lifetime) {
		String cleanName = TokenName.validate(name);
		Duration effective = lifetime == null || lifetime.compareTo(properties.maxLifetime()) > 0
				? properties.maxLifetime() : lifetime;
		if (effective.isNegative() || effective.isZero()) {
			throw new IllegalArgumentException("a token's lifetime must be positive");
		}
		Account account = accounts.findById(owner.accountId()).orElseThrow();
		byte[] random = new byte[32];
		RANDOM.nextBytes(random);
		String value = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		Instant now = clock.instant();
		ApiToken token = tokens
			.save(new ApiToken(account, cleanName, hash(value), value.substring(0, 8), now, now.plus(effective)));
		audit.record(AuditEvent.of(owner.identity().handle(), null, "token.created",
				"Created API token '" + cleanName + "' (" + value.substring(0, 8) + "…)"));
		return new CreatedToken(token.view(now), value);
	}

	@Transactional(readOnly = true)
	public List<ApiTokenView> list(PortalAuthentication owner) {
		Instant now = clock.instant();
		return tokens.findByAccount(owner.accountId()).stream().map(t -> t.view(now)).toList();
	}

	/**
	 * Revokes one of the caller's own tokens; another person's token is reported as not
	 * found.
	 */
	@Transactional
	public ApiTokenView revoke(PortalAuthentication owner, long id) {
		ApiToken token = tokens.findById(id)
			.filter(t -> t.ownedBy(owner.accountId()))
			.orElseThrow(() -> new TokenNotFoundException(id));
		Instant now = clock.instant();
		if (token.revoke(now)) {
			audit.record(AuditEvent.of(owner.identity().handle(), null, "token.revoked",
					"Revoked API token '" + token.view(now).name() + "'"));
		}
		return token.view(now);
	}

	/**
	 * The authentication a presented token stands for, if it is known, unrevoked and
	 * unexpired.
	 */
	@Transactional
	public Optional<PortalAuthentication> authenticate(String presented) {
		if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		return tokens.findByHash(hash(presented))
			.filter(t -> t.usableAt(now))
			.filter(t -> t.account().lastSeen().plus(properties.signInEvery()).isAfter(now))
			.map(t -> {
				t.usedAt(now);
				Account account = t.account();
				return PortalAuthentication.apiToken(account.id(), account.identity(), t.id());
			});
	}

	static byte[] hash(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A new token with its value; the value must be shown once and then forgotten. */
	public record CreatedToken(ApiTokenView token, String value) {

		@Override
		public String toString() {
			return "CreatedToken[" + token + "]";
		}

	}

}
