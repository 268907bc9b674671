package dev.hubguard.shared;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: in the {@code X-Request-Id} response header, in the log's
 * MDC ({@code requestId}, in every structured log line) and on error pages, so a person
 * can quote it and an operator find the log line.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIds extends OncePerRequestFilter {

	public static final String ATTRIBUTE = RequestIds.class.getName();

	public static final String MDC_KEY = "requestId";

	private static final SecureRandom RANDOM = new SecureRandom();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		byte[] bytes = new byte[6];
		RANDOM.nextBytes(bytes);
		String id = HexFormat.of().formatHex(bytes);
		request.setAttribute(ATTRIBUTE, id);
		response.setHeader("X-Request-Id", id);
		MDC.put(MDC_KEY, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

	/** The id of the request being served, or null outside one. */
	public static String of(HttpServletRequest request) {
		Object id = request.getAttribute(ATTRIBUTE);
		return id == null ? null : id.toString();
	}

}
