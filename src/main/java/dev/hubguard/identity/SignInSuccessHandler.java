package dev.hubguard.identity;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * After a provider signs someone in: record the account, then replace the provider's
 * authentication (which holds tokens) by a {@link PortalAuthentication} that holds only
 * the identity, and go where they were going.
 */
class SignInSuccessHandler extends SavedRequestAwareAuthenticationSuccessHandler {

	private final Accounts accounts;

	private final SecurityContextRepository contexts;

	SignInSuccessHandler(Accounts accounts, SecurityContextRepository contexts) {
		this.accounts = accounts;
		this.contexts = contexts;
		setDefaultTargetUrl("/");
		setRequestCache(SecurityConfiguration.pagesOnly());
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		PortalAuthentication portal = accounts
			.signedIn(SignInIdentity.from((OAuth2AuthenticationToken) authentication));
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(portal);
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
		super.onAuthenticationSuccess(request, response, portal);
	}

}
