package dev.hubguard.identity;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A signed-in person, by session or by API token. It carries the identity and the
 * account, never an access token: roles are derived from the identity by {@link Access}
 * on every request.
 */
public final class PortalAuthentication extends AbstractAuthenticationToken {

	private final long accountId;

	private final Identity identity;

	private final Long apiTokenId;

	private PortalAuthentication(long accountId, Identity identity, Long apiTokenId) {
		super(List.of(new SimpleGrantedAuthority("ROLE_USER")));
		this.accountId = accountId;
		this.identity = identity;
		this.apiTokenId = apiTokenId;
		setAuthenticated(true);
	}

	static PortalAuthentication session(long accountId, Identity identity) {
		return new PortalAuthentication(accountId, identity, null);
	}

	static PortalAuthentication apiToken(long accountId, Identity identity, long tokenId) {
		return new PortalAuthentication(accountId, identity, tokenId);
	}

	public long accountId() {
		return accountId;
	}

	public Identity identity() {
		return identity;
	}

	public boolean viaApiToken() {
		return apiTokenId != null;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return identity;
	}

	@Override
	public String getName() {
		return identity.handle();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof PortalAuthentication that && that.accountId == accountId
				&& that.identity.equals(identity) && java.util.Objects.equals(that.apiTokenId, apiTokenId);
	}

	@Override
	public int hashCode() {
		return Long.hashCode(accountId) * 31 + identity.hashCode();
	}

}
