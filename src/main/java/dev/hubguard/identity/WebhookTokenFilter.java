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
 * Authenticates Alertmanager on {@value #PATH} by the bearer token from configuration
 * (compared in constant time). A missing or wrong token is refused with 401 before the
 * body is read.
 */
class WebhookTokenFilter extends OncePerRequestFilter {

	static final String PATH = "/api/v1/alerts/alertmanager";

	private final byte[] token;

	private final ApiErrors errors;

	WebhookTokenFilter(String token, ApiErrors errors) {
		this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
		this.errors = errors;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().equals(PATH);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (token == null) {
			errors.unauthorized(response, "The Alertmanager webhook is disabled: set HUBGUARD_ALERTMANAGER_TOKEN.");
			return;
		}
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)
				|| !MessageDigest.isEqual(token, header.substring(7).strip().getBytes(StandardCharsets.UTF_8))) {
			errors.unauthorized(response, "Send the configured webhook token as 'Authorization: Bearer <token>'.");
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new MachineAuthentication("alertmanager"));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
