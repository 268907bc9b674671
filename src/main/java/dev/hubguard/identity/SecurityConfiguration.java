package dev.hubguard.identity;

import dev.hubguard.hub.HubRef;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.savedrequest.CookieRequestCache;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.client.RestClient;

/**
 * Every route's authorisation rule, in one place. Anything not named here is denied.
 * Pages use the session (with CSRF); the JSON API also takes personal tokens
 * ({@code Authorization: Bearer}), which need no CSRF.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "frame-ancestors 'none'; form-action 'self'";

	@Bean
	SecurityContextRepository securityContextRepository() {
		return new HttpSessionSecurityContextRepository();
	}

	@Bean
	SecurityFilterChain portal(HttpSecurity http, Access access, ApiTokens tokens, ApiErrors errors, Accounts accounts,
			SecurityContextRepository contexts, ClientRegistrationRepository registrations, SignInProviders providers,
			IdentityProperties identity, MachineTokenProperties machineTokens,
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings)
			throws Exception {
		RequestMatcher api = request -> request.getRequestURI().startsWith("/api/");
		RequestMatcher bearer = request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null;
		AuthenticationEntryPoint apiSignIn = (request, response, e) -> errors.unauthorized(response,
				"Sign in, or send 'Authorization: Bearer <token>'.");
		AuthenticationEntryPoint pageSignIn = new LoginUrlAuthenticationEntryPoint("/login");
		http.securityContext(c -> c.securityContextRepository(contexts))
			.authorizeHttpRequests(routes -> routes
				// Forwards and error dispatches were authorised on the way in.
				.dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR)
				.permitAll()
				// Public: assets, the sign-in page, errors, health probes.
				.requestMatchers("/css/**", "/js/**", "/img/**", "/favicon.ico", "/favicon.svg")
				.permitAll()
				.requestMatchers("/login", "/error", "/error/**", "/signed-out")
				.permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				// Unsubscribing from one kind of email: the signed token in the link is
				// the
				// authority (mail clients POST it without a session, RFC 8058).
				.requestMatchers("/unsubscribe")
				.permitAll()

				// A sign-in with an unknown provider id: nothing there, so a 404 page.
				.requestMatchers(KnownProvidersOnly.BASE + "/**")
				.permitAll()
				// Machines: Alertmanager with its own token.
				.requestMatchers(HttpMethod.POST, WebhookTokenFilter.PATH)
				.access(machine("alertmanager"))
				// Staff only.
				.requestMatchers("/actuator/prometheus")
				.access((authentication,
						context) -> new AuthorizationDecision(access.isStaff(authentication.get())
								|| authentication.get() instanceof MachineAuthentication machine
										&& machine.machine().equals("metrics")))
				.requestMatchers("/staff", "/staff/**", "/api/v1/staff/**", "/api/v1/isolation")
				.access(staff(access))
				// Staff also see the overview of a hub that left the catalogue (its grace
				// period).
				.requestMatchers(HttpMethod.GET, "/hubs/{cluster}/{hub}")
				.access((authentication,
						context) -> new AuthorizationDecision(access.isStaff(authentication.get())
								|| hubAdmin(access).authorize(authentication, context).isGranted()))
				// A hub's admins and staff.
				.requestMatchers("/hubs/{cluster}/{hub}", "/hubs/{cluster}/{hub}/**")
				.access(hubAdmin(access))
				.requestMatchers("/api/v1/hubs/{cluster}/{hub}", "/api/v1/hubs/{cluster}/{hub}/**")
				.access(hubAdmin(access))
				// Tokens are made from a signed-in browser session, never from another
				// token.
				.requestMatchers(HttpMethod.POST, "/api/v1/tokens")
				.access(sessionOnly())
				// The API's OpenAPI description: for anyone signed in or holding a token,
				// like the API it describes. It holds no data, but names every staff and
				// machine route: no reason to hand that map to anonymous scanners.
				.requestMatchers(HttpMethod.GET, "/api/v1/openapi.json", "/api/v1/openapi.yaml",
						"/api/v1/openapi.json.yaml")
				.access(signedIn())
				// Anyone signed in: their own dashboard, tokens and hub list (empty for a
				// nobody).
				.requestMatchers("/", "/tokens", "/tokens/**", "/api/v1/hubs", "/api/v1/me", "/api/v1/tokens",
						"/api/v1/tokens/**", "/notifications", "/notifications/**", "/api/v1/me/notifications",
						"/api/v1/me/notifications/**", "/demo/mail")
				.access(signedIn())
				// Anyone signed in, each object checked against its hub by the feature's
				// service:
				// change requests and the audit log.
				.requestMatchers("/changes", "/changes/**", "/api/v1/change-requests", "/api/v1/change-requests/**",
						"/audit", "/audit.csv", "/api/v1/audit", "/abuse", "/abuse/**", "/api/v1/abuse-reports",
						"/api/v1/abuse-reports/**", "/security-concern")
				.access(signedIn())
				// An address no controller serves (the actuator's aside): a 404, for
				// anyone; every other address is denied.
				.requestMatchers(new UnservedAddress(mappings))
				.permitAll()
				.anyRequest()
				.denyAll())
			.addFilterBefore(new ApiTokenFilter(tokens, errors), AuthorizationFilter.class)
			.addFilterBefore(
					new WebhookTokenFilter(machineTokens.alertmanagerToken(), machineTokens.metricsToken(), errors),
					ApiTokenFilter.class)
			.oauth2Login(login -> login.loginPage("/login")
				.authorizationEndpoint(endpoint -> endpoint
					.authorizationRequestResolver(new KnownProvidersOnly(providers, registrations)))
				.clientRegistrationRepository(registrations)
				.authorizedClientRepository(noAuthorizedClients())
				.userInfoEndpoint(
						user -> user.userService(new GitHubUserService(identity.github(), RestClient.builder()))
							.oidcUserService(new GitHubOidcUserService(identity.github())))
				.successHandler(new SignInSuccessHandler(accounts, contexts))
				.failureUrl("/login?error"))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/signed-out").deleteCookies("SESSION"))
			.csrf(csrf -> csrf.ignoringRequestMatchers(request -> api.matches(request) && bearer.matches(request),
					// A machine endpoint: it needs its own token, so no cookie can be
					// abused.
					request -> request.getRequestURI().equals(WebhookTokenFilter.PATH),
					// One-click unsubscribe (RFC 8058): the mail client has no CSRF
					// token; the
					// signed token in the address authorises only that one change.
					request -> request.getRequestURI().equals("/unsubscribe")))
			.exceptionHandling(ex -> ex.defaultAuthenticationEntryPointFor(apiSignIn, api)
				.defaultAuthenticationEntryPointFor(pageSignIn, request -> true)
				.defaultAccessDeniedHandlerFor(signInWhenAnonymous(apiSignIn,
						(request, response, e) -> errors.forbidden(response, "You may not do this here.")), api)
				.defaultAccessDeniedHandlerFor(signInWhenAnonymous(pageSignIn, pageDenied()), request -> true))
			.requestCache(cache -> cache.requestCache(pagesOnly()))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
				.permissionsPolicyHeader(p -> p.policy("camera=(), microphone=(), geolocation=(), payment=()"))
				.httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31536000)));
		return http.build();
	}

	/**
	 * Only page visits are remembered for after sign-in, and in a short-lived cookie
	 * rather than a session: an anonymous visit creates no session row (only starting a
	 * sign-in does). The cookie holds a path on this site, never another address.
	 */
	static CookieRequestCache pagesOnly() {
		CookieRequestCache cache = new CookieRequestCache();
		cache.setRequestMatcher(request -> "GET".equals(request.getMethod())
				&& !request.getRequestURI().startsWith("/api/") && !request.getRequestURI().startsWith("/actuator/"));
		cache.setCookieCustomizer(cookie -> {
			cookie.setMaxAge(600);
			cookie.setAttribute("SameSite", "Lax");
		});
		return cache;
	}

	/**
	 * A write without a CSRF token is refused by the CSRF filter before anyone asks who
	 * is calling. Someone not signed in is asked to sign in (401 for the API, the sign-in
	 * page otherwise), exactly as for a read; a signed-in person gets the refusal.
	 */
	private static AccessDeniedHandler signInWhenAnonymous(AuthenticationEntryPoint signIn,
			AccessDeniedHandler refuse) {
		return (request, response, e) -> {
			if (e instanceof CsrfException
					&& Access.identity(SecurityContextHolder.getContext().getAuthentication()).isEmpty()) {
				signIn.commence(request, response, new InsufficientAuthenticationException(e.getMessage(), e));
			}
			else {
				refuse.handle(request, response, e);
			}
		};
	}

	private static AccessDeniedHandlerImpl pageDenied() {
		AccessDeniedHandlerImpl handler = new AccessDeniedHandlerImpl();
		handler.setErrorPage("/error/403");
		return handler;
	}

	private static OAuth2AuthorizedClientRepository noAuthorizedClients() {
		return new NoAuthorizedClients();
	}

	private static AuthorizationManager<RequestAuthorizationContext> signedIn() {
		return (authentication,
				context) -> new AuthorizationDecision(Access.identity(authentication.get()).isPresent());
	}

	private static AuthorizationManager<RequestAuthorizationContext> machine(String name) {
		return (authentication, context) -> new AuthorizationDecision(
				authentication.get() instanceof MachineAuthentication machine && machine.machine().equals(name));
	}

	private static AuthorizationManager<RequestAuthorizationContext> sessionOnly() {
		return (authentication, context) -> new AuthorizationDecision(
				authentication.get() instanceof PortalAuthentication portal && !portal.viaApiToken());
	}

	private static AuthorizationManager<RequestAuthorizationContext> staff(Access access) {
		return (authentication, context) -> new AuthorizationDecision(access.isStaff(authentication.get()));
	}

	private static AuthorizationManager<RequestAuthorizationContext> hubAdmin(Access access) {
		return (authentication, context) -> {
			String cluster = context.getVariables().get("cluster");
			String hub = context.getVariables().get("hub");
			if (!HubRef.isValidName(cluster) || !HubRef.isValidName(hub)) {
				return new AuthorizationDecision(false);
			}
			return new AuthorizationDecision(access.canAdminister(authentication.get(), new HubRef(cluster, hub)));
		};
	}

}
