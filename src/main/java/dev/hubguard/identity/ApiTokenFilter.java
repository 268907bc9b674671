package dev.hubguard.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer hg_…} on API requests. A presented but
 * unknown, revoked or expired token is refused with 401 at once; it never falls back to
 * the session.
 */
class ApiTokenFilter extends OncePerRequestFilter {

	private final ApiTokens tokens;

	private final ApiErrors errors;

	ApiTokenFilter(ApiTokens tokens, ApiErrors errors) {
		this.tokens = tokens;
		this.errors = errors;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getHeader(HttpHeaders.AUTHORIZATION) == null || !request.getRequestURI().startsWith("/api/")
				|| request.getRequestURI().equals(WebhookTokenFilter.PATH);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			errors.unauthorized(response, "Use 'Authorization: Bearer <token>' with a Hubguard API token.");
			return;
		}
		Optional<PortalAuthentication> authentication = tokens.authenticate(header.substring(7).strip());
		if (authentication.isEmpty()) {
			errors.unauthorized(response, "The API token is unknown, revoked or expired.");
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication.get());
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
