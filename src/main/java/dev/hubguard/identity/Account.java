package dev.hubguard.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Someone who has signed in, with what their provider said the last time. */
@Entity
@Table(name = "accounts")
class Account {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false)
	private String provider;

	@Column(nullable = false)
	private String subject;

	@Column(nullable = false)
	private String username;

	private String email;

	private String displayName;

	private String idp;

	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(nullable = false)
	private List<String> githubTeams = List.of();

	@Column(nullable = false)
	private Instant firstSeen;

	@Column(nullable = false)
	private Instant lastSeen;

	protected Account() {
	}

	Account(Identity identity, Instant now) {
		this.provider = identity.provider().id();
		this.subject = identity.subject();
		this.firstSeen = now;
		signedIn(identity, now);
	}

	void signedIn(Identity identity, Instant now) {
		username = identity.username();
		email = identity.email();
		displayName = identity.displayName();
		idp = identity.idp();
		githubTeams = identity.githubTeams().stream().sorted().toList();
		lastSeen = now;
	}

	Long id() {
		return id;
	}

	String subject() {
		return subject;
	}

	/**
	 * Gives up a GitHub login that GitHub has since given to someone else: until this
	 * account signs in again, it goes by its GitHub id.
	 */
	void releaseUsername() {
		username = subject;
	}

	String email() {
		return email;
	}

	Instant lastSeen() {
		return lastSeen;
	}

	Identity identity() {
		return identity(provider, subject, username, email, displayName, idp, githubTeams);
	}

	/** The identity an account row stands for (also read without loading the entity). */
	static Identity identity(String provider, String subject, String username, String email, String displayName,
			String idp, List<String> githubTeams) {
		return new Identity(Identity.Provider.valueOf(provider.toUpperCase(java.util.Locale.ROOT)), subject, username,
				email, displayName, idp, new HashSet<>(githubTeams));
	}

}
