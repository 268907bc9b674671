package dev.hubguard.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A personal API token; only the SHA-256 of its value is stored, plus a short prefix to
 * recognise it.
 */
@Entity
@Table(name = "api_tokens")
class ApiToken {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "account_id")
	private Account account;

	@Column(nullable = false)
	private String name;

	@Column(nullable = false, unique = true)
	private byte[] tokenHash;

	@Column(nullable = false)
	private String prefix;

	@Column(nullable = false)
	private Instant createdAt;

	private Instant expiresAt;

	private Instant lastUsedAt;

	private Instant revokedAt;

	protected ApiToken() {
	}

	ApiToken(Account account, String name, byte[] tokenHash, String prefix, Instant createdAt, Instant expiresAt) {
		this.account = account;
		this.name = name;
		this.tokenHash = tokenHash;
		this.prefix = prefix;
		this.createdAt = createdAt;
		this.expiresAt = expiresAt;
	}

	boolean usableAt(Instant now) {
		return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
	}

	boolean revoke(Instant now) {
		if (revokedAt != null) {
			return false;
		}
		revokedAt = now;
		return true;
	}

	boolean ownedBy(long accountId) {
		return account.id() == accountId;
	}

	Long id() {
		return id;
	}

	Account account() {
		return account;
	}

	ApiTokenView view(Instant now) {
		String state = revokedAt != null ? "revoked" : usableAt(now) ? "active" : "expired";
		return new ApiTokenView(id, name, prefix, createdAt, expiresAt, lastUsedAt, revokedAt, state);
	}

}
