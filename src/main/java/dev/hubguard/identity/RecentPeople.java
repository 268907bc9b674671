package dev.hubguard.identity;

import dev.hubguard.hub.AdminCandidate;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.shared.EmailAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The people who signed in recently (30 days), as their last sign-in described them: for
 * telling them things. Their roles are those of that sign-in, judged by today's rules and
 * catalogue; their address is the email that sign-in vouched for (CILogon's only when
 * trusted, GitHub's only as GitHub shows it: verified).
 */
@Component
public class RecentPeople {

	public static final Duration WITHIN = Duration.ofDays(30);

	/**
	 * A person who may be told something.
	 *
	 * @param email the trusted address of their last sign-in, or null
	 */
	public record Reachable(String handle, String name, String email, boolean staff, AdminCandidate candidate) {

		/** Whether the catalogue names them an admin of {@code hub}. */
		public boolean administers(CatalogueHub hub) {
			return hub.admins().admits(candidate);
		}

	}

	private final JdbcClient jdbc;

	private final StaffRule staffRule;

	private final EmailTrust emailTrust;

	private final Clock clock;

	RecentPeople(JdbcClient jdbc, StaffRule staffRule, EmailTrust emailTrust, Clock clock) {
		this.jdbc = jdbc;
		this.staffRule = staffRule;
		this.emailTrust = emailTrust;
		this.clock = clock;
	}

	/** Everyone seen within {@link #WITHIN}, the latest sign-in of each handle. */
	public List<Reachable> all() {
		return jdbc.sql("""
				select distinct on (provider, username) provider, subject, username, email, display_name, idp,
				    github_teams
				from accounts where last_seen >= :since order by provider, username, last_seen desc""")
			.param("since", Timestamp.from(clock.instant().minus(WITHIN)))
			.query((rs, i) -> Account.identity(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), List.of((String[]) rs.getArray(7).getArray())))
			.list()
			.stream()
			.map(this::reachable)
			.toList();
	}

	/** The person who signs in as {@code handle}, if seen within {@link #WITHIN}. */
	public Optional<Reachable> byHandle(String handle) {
		return handle == null ? Optional.empty() : all().stream().filter(p -> p.handle().equals(handle)).findFirst();
	}

	private Reachable reachable(Identity who) {
		Optional<String> email = who.provider() == Identity.Provider.CILOGON ? emailTrust.trustedEmail(who)
				: Optional.ofNullable(who.email()).filter(EmailAddress::isValid);
		return new Reachable(who.handle(), who.displayName(), email.orElse(null), staffRule.matches(who),
				emailTrust.candidate(who));
	}

}
