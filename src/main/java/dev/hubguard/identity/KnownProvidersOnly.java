package dev.hubguard.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Starts a sign-in only with a configured provider, by its exact id. Any other
 * {@code /oauth2/authorization/…} is not a sign-in at all: it goes on to the 404 page
 * instead of failing inside Spring Security with a 500.
 */
class KnownProvidersOnly implements OAuth2AuthorizationRequestResolver {

	static final String BASE = OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI;

	private final SignInProviders providers;

	private final OAuth2AuthorizationRequestResolver delegate;

	KnownProvidersOnly(SignInProviders providers, ClientRegistrationRepository registrations) {
		this.providers = providers;
		this.delegate = new DefaultOAuth2AuthorizationRequestResolver(registrations, BASE);
	}

	@Override
	public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!path.startsWith(BASE + "/")) {
			return null;
		}
		return known(path.substring(BASE.length() + 1)) ? delegate.resolve(request) : null;
	}

	@Override
	public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
		return known(registrationId) ? delegate.resolve(request, registrationId) : null;
	}

	private boolean known(String id) {
		return providers.all().stream().anyMatch(provider -> provider.id().equals(id));
	}

}
