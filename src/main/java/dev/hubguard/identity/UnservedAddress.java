package dev.hubguard.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Matches a request that no controller serves (whatever its method), so that it can
 * answer 404 rather than the deny-by-default 403: there is nothing there to protect.
 * Every address a controller serves keeps its rule; one served for another method only
 * counts as served.
 */
final class UnservedAddress implements RequestMatcher {

	private final ObjectProvider<RequestMappingHandlerMapping> mappings;

	UnservedAddress(ObjectProvider<RequestMappingHandlerMapping> mappings) {
		this.mappings = mappings;
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		RequestMappingHandlerMapping mapping = mappings.getIfAvailable();
		// The actuator maps its endpoints elsewhere: its rules decide.
		if (mapping == null || request.getRequestURI().startsWith("/actuator")) {
			return false;
		}
		try {
			return mapping.getHandler(request) == null;
		}
		catch (Exception ex) {
			// Served, for another method or media type: the route's rule decides.
			return false;
		}
	}

}
