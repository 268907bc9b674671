package dev.hubguard.identity;

import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * The one place that answers "may this person see, administer or approve for hub X?".
 * Deny by default: anything that is not a signed-in {@link PortalAuthentication} may do
 * nothing. Answers are computed from the current catalogue on every call, so removing an
 * admin from the catalogue takes effect at the next reload.
 */
@Service
public class Access {

	private final HubCatalogue catalogue;

	private final StaffRule staffRule;

	private final EmailTrust emailTrust;

	Access(HubCatalogue catalogue, StaffRule staffRule, EmailTrust emailTrust) {
		this.catalogue = catalogue;
		this.staffRule = staffRule;
		this.emailTrust = emailTrust;
	}

	public static Optional<Identity> identity(Authentication authentication) {
		return authentication instanceof PortalAuthentication portal && portal.isAuthenticated()
				? Optional.of(portal.identity()) : Optional.empty();
	}

	/**
	 * How a signed-in person appears in the audit log and on requests; fails for anyone
	 * else.
	 */
	public static String handle(Authentication authentication) {
		return identity(authentication).map(Identity::handle)
			.orElseThrow(() -> new IllegalStateException("no signed-in person"));
	}

	public boolean isStaff(Authentication authentication) {
		return identity(authentication).map(staffRule::matches).orElse(false);
	}

	/** Hub admins see and administer their hubs; staff see and administer every hub. */
	public boolean canAdminister(Authentication authentication, HubRef hub) {
		Optional<Identity> who = identity(authentication);
		if (who.isEmpty()) {
			return false;
		}
		Optional<CatalogueHub> found = catalogue.find(hub);
		if (found.isEmpty()) {
			return false;
		}
		return staffRule.matches(who.get()) || found.get().admins().admits(emailTrust.candidate(who.get()));
	}

	public boolean canSee(Authentication authentication, HubRef hub) {
		return canAdminister(authentication, hub);
	}

	/**
	 * Approving change requests is for staff only; the four-eyes rule is checked by the
	 * request itself.
	 */
	public boolean canApprove(Authentication authentication, HubRef hub) {
		return isStaff(authentication) && catalogue.find(hub).isPresent();
	}

	public List<CatalogueHub> visibleHubs(Authentication authentication) {
		Optional<Identity> who = identity(authentication);
		if (who.isEmpty()) {
			return List.of();
		}
		if (staffRule.matches(who.get())) {
			return catalogue.hubs();
		}
		return catalogue.hubs().stream().filter(h -> h.admins().admits(emailTrust.candidate(who.get()))).toList();
	}

	/** What the person is, for the header and the API: staff, hub admin or nobody. */
	public Role role(Authentication authentication) {
		return role(authentication, visibleHubs(authentication));
	}

	/**
	 * {@link #role(Authentication)} for a caller who already holds the person's
	 * {@link #visibleHubs visible hubs}.
	 */
	public Role role(Authentication authentication, List<CatalogueHub> visibleHubs) {
		if (isStaff(authentication)) {
			return Role.STAFF;
		}
		return visibleHubs.isEmpty() ? Role.NOBODY : Role.HUB_ADMIN;
	}

	public enum Role {

		STAFF, HUB_ADMIN, NOBODY

	}

}
