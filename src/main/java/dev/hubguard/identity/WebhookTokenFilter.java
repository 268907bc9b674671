package dev.hubguard.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates machines by their own bearer tokens from configuration, compared in
 * constant time: Alertmanager on {@value #PATH}, which must always present its token, and
 * a Prometheus scraper on {@value #METRICS_PATH}, which may (staff can also read metrics
 * in their session). A wrong token is refused with 401 before the body is read. Machine
 * tokens are never personal tokens, so a scraper cannot approve changes.
 */
class WebhookTokenFilter extends OncePerRequestFilter {

	static final String PATH = "/api/v1/alerts/alertmanager";

	static final String METRICS_PATH = "/actuator/prometheus";

	private final byte[] alertmanagerToken;

	private final byte[] metricsToken;

	private final ApiErrors errors;

	WebhookTokenFilter(String alertmanagerToken, String metricsToken, ApiErrors errors) {
		this.alertmanagerToken = bytes(alertmanagerToken);
		this.metricsToken = bytes(metricsToken);
		this.errors = errors;
	}

	private static byte[] bytes(String token) {
		return token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !path.equals(PATH)
				&& !(path.equals(METRICS_PATH) && request.getHeader(HttpHeaders.AUTHORIZATION) != null);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getRequestURI().equals(METRICS_PATH)) {
			authenticate(request, response, chain, metricsToken, "metrics",
					"Send HUBGUARD_METRICS_TOKEN as 'Authorization: Bearer <token>'.");
		}
		else {
			authenticate(request, response, chain, alertmanagerToken, "alertmanager",
					"Send HUBGUARD_ALERTMANAGER_TOKEN as 'Authorization: Bearer <token>'.");
		}
	}

	private void authenticate(HttpServletRequest request, HttpServletResponse response, FilterChain chain, byte[] token,
			String machine, String hint) throws IOException, ServletException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (token == null) {
			errors.unauthorized(response, "No token is configured for " + machine + ". " + hint);
			return;
		}
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)
				|| !MessageDigest.isEqual(token, header.substring(7).strip().getBytes(StandardCharsets.UTF_8))) {
			errors.unauthorized(response, hint);
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new MachineAuthentication(machine));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
