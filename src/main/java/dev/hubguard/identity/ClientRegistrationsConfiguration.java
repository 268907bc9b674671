package dev.hubguard.identity;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.oauth2.client.CommonOAuth2Provider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;

/**
 * Registers CILogon and GitHub with Spring Security, each only when its client id is
 * configured.
 */
@Configuration(proxyBeanMethods = false)
class ClientRegistrationsConfiguration {

	static final String CALLBACK = "/login/oauth2/code/{registrationId}";

	@Bean
	SignInProviders signInProviders(IdentityProperties properties, PublicUrl publicUrl) {
		// On the configured public URL; in demo mode {baseUrl} is the loopback address
		// that PublicUrlFilter gives every request.
		String redirect = publicUrl.configured().map(url -> url + CALLBACK).orElse("{baseUrl}" + CALLBACK);
		List<SignInProviders.Provider> providers = new ArrayList<>();
		IdentityProperties.Cilogon cilogon = properties.cilogon();
		if (cilogon.enabled()) {
			providers.add(new SignInProviders.Provider("cilogon", "CILogon",
					() -> ClientRegistrations.fromOidcIssuerLocation(cilogon.issuer().toString())
						.registrationId("cilogon")
						.clientName("CILogon")
						.clientId(cilogon.clientId())
						.clientSecret(cilogon.clientSecret())
						.scope(cilogon.scopes())
						.redirectUri(redirect)
						.build()));
		}
		IdentityProperties.Github github = properties.github();
		if (github.enabled()) {
			providers.add(new SignInProviders.Provider("github", "GitHub", () -> {
				ClientRegistration.Builder builder = CommonOAuth2Provider.GITHUB.getBuilder("github")
					.clientId(github.clientId())
					.clientSecret(github.clientSecret())
					.redirectUri(redirect)
					.scope(github.scopes());
				if (github.authorizationUri() != null) {
					builder.authorizationUri(github.authorizationUri().toString());
				}
				if (github.jwkSetUri() != null) {
					builder.jwkSetUri(github.jwkSetUri().toString());
				}
				if (github.tokenUri() != null) {
					builder.tokenUri(github.tokenUri().toString());
				}
				builder.userInfoUri(github.userInfoUri() != null ? github.userInfoUri().toString()
						: github.apiUrl().resolve("/user").toString());
				return builder.build();
			}));
		}
		return new SignInProviders(providers);
	}

	@Bean
	ClientRegistrationRepository clientRegistrationRepository(SignInProviders providers) {
		return providers::registration;
	}

}
