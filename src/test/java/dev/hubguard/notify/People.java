package dev.hubguard.notify;

import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.identity.Identity;
import dev.hubguard.support.Api;
import java.util.Set;

/** The people of the notification tests, signed in (so recently seen) with API tokens. */
final class People {

	static final String MTU_IDP = "https://idp.mtu.example/idp/shibboleth";

	static final Identity ADA = Api.cilogon("ada@mtu.example", MTU_IDP);

	static final Identity SAM = Api.cilogon("sam@hubguard.example", null);

	static final Identity SECOND = new Identity(Identity.Provider.GITHUB, Api.githubId("second-staff"), "second-staff",
			"second@hubguard.example", "Second Staff", null, Set.of("hubguard-demo:staff"));

	static final Identity BO = new Identity(Identity.Provider.GITHUB, Api.githubId("bo-hhmi"), "bo-hhmi",
			"bo@hhmi.example", "Bo Admin", null, Set.of());

	static final Identity NIA = Api.cilogon("nia@elsewhere.example", "https://accounts.google.com");

	final Api ada;

	final Api sam;

	final Api second;

	final Api bo;

	final Api nia;

	People(int port, Accounts accounts, ApiTokens tokens) {
		ada = Api.as(port, accounts, tokens, ADA);
		sam = Api.as(port, accounts, tokens, SAM);
		second = Api.as(port, accounts, tokens, SECOND);
		bo = Api.as(port, accounts, tokens, BO);
		nia = Api.as(port, accounts, tokens, NIA);
	}

}
