package dev.hubguard.identity;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
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

	/** Uses of a token are recorded at most this often. */
	private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

	/**
	 * The token and its owner in one indexed read (token_hash is unique): every API call
	 * asks this, so it is plain SQL rather than two entities loaded and dirty-checked.
	 * The revocation and expiry test is {@link ApiToken#usableAt}'s, which the tokens
	 * page shows.
	 */
	private static final String USABLE = """
			select t.id as token_id, t.last_used_at, a.id as account_id, a.provider, a.subject, a.username, a.email,
			    a.display_name, a.idp, a.github_teams
			from api_tokens t join accounts a on a.id = t.account_id
			where t.token_hash = :hash and t.revoked_at is null and (t.expires_at is null or t.expires_at > :now)
			    and a.last_seen > :signedInAfter""";

	private static final String USED = """
			update api_tokens set last_used_at = :now
			where id = :id and (last_used_at is null or last_used_at <= :recordedBefore)""";

	private final ApiTokenRepository tokens;

	private final AccountRepository accounts;

	private final AuditLog audit;

	private final Clock clock;

	private final TokenProperties properties;

	private final JdbcClient jdbc;

	ApiTokens(ApiTokenRepository tokens, AccountRepository accounts, AuditLog audit, Clock clock,
			TokenProperties properties, JdbcClient jdbc) {
		this.jdbc = jdbc;
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
	 * unexpired, and its owner signed in within {@code hubguard.tokens.sign-in-every}. A
	 * use is recorded at most once a minute.
	 */
	public Optional<PortalAuthentication> authenticate(String presented) {
		if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
			return Optional.empty();
		}
		Instant now = clock.instant();
		Optional<Usable> found = jdbc.sql(USABLE)
			.param("hash", hash(presented))
			.param("now", Timestamp.from(now))
			.param("signedInAfter", Timestamp.from(now.minus(properties.signInEvery())))
			.query((rs, n) -> new Usable(rs.getLong("token_id"), rs.getTimestamp("last_used_at"),
					rs.getLong("account_id"),
					Account.identity(rs.getString("provider"), rs.getString("subject"), rs.getString("username"),
							rs.getString("email"), rs.getString("display_name"), rs.getString("idp"),
							List.of((String[]) rs.getArray("github_teams").getArray()))))
			.optional();
		// Checked here to spare the update on most calls, and again in the update for
		// a concurrent call on another replica.
		Instant recordedBefore = now.minus(LAST_USED_RESOLUTION);
		found.filter(token -> token.lastUsed() == null || !token.lastUsed().toInstant().isAfter(recordedBefore))
			.ifPresent(token -> jdbc.sql(USED)
				.param("now", Timestamp.from(now))
				.param("id", token.id())
				.param("recordedBefore", Timestamp.from(recordedBefore))
				.update());
		return found.map(token -> PortalAuthentication.apiToken(token.accountId(), token.identity(), token.id()));
	}

	private record Usable(long id, Timestamp lastUsed, long accountId, Identity identity) {
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
