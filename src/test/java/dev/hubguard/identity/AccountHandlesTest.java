package dev.hubguard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.hub.HubRef;
import dev.hubguard.support.Api;
import dev.hubguard.support.PortalTest;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A handle ({@code cilogon:ada@mtu.example}) names one person: requests, withdrawals and
 * the audit log go by it.
 */
@PortalTest
class AccountHandlesTest {

	static final HubRef MTU = new HubRef("2i2c", "mtu");

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	Access access;

	@Test
	void aSecondCilogonIdentityClaimingAnAdminsEmailGetsItsOwnHandleAndNoRoleFromIt() {
		PortalAuthentication ada = accounts
			.signedIn(Api.cilogon("ada@mtu.example", "https://idp.mtu.example/idp/shibboleth"));
		Identity claimant = new Identity(Identity.Provider.CILOGON, "http://cilogon.org/serverE/users/666",
				"ada@mtu.example", "ada@mtu.example", "Not Ada", "https://accounts.google.com", Set.of());

		PortalAuthentication other = accounts.signedIn(claimant);

		assertThat(ada.identity().handle()).isEqualTo("cilogon:ada@mtu.example");
		assertThat(other.identity().handle()).isNotEqualTo(ada.identity().handle());
		assertThat(access.canAdminister(ada, MTU)).isTrue();
		assertThat(access.canAdminister(other, MTU)).as("no role from an email someone else holds").isFalse();
		// Their next sign-ins change nothing, in either order.
		assertThat(accounts.signedIn(claimant).identity().handle()).isEqualTo(other.identity().handle());
		assertThat(accounts.signedIn(ada.identity()).identity().handle()).isEqualTo("cilogon:ada@mtu.example");
		String token = tokens.create(other, "t", Duration.ofHours(1)).value();
		assertThat(tokens.authenticate(token).orElseThrow().identity().handle()).isEqualTo(other.identity().handle());
	}

	@Test
	void aRecycledGithubLoginNamesOnlyItsCurrentHolder() {
		PortalAuthentication before = accounts.signedIn(new Identity(Identity.Provider.GITHUB, "70001",
				"recycled-login", null, "First holder", null, Set.of()));
		String beforeToken = tokens.create(before, "t", Duration.ofHours(1)).value();

		PortalAuthentication now = accounts.signedIn(new Identity(Identity.Provider.GITHUB, "70002", "recycled-login",
				null, "Current holder", null, Set.of()));

		assertThat(now.identity().handle()).isEqualTo("github:recycled-login");
		assertThat(tokens.authenticate(beforeToken).orElseThrow().identity().handle())
			.isNotEqualTo("github:recycled-login");
	}

}
