package dev.hubguard.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An {@code Accept} header that Spring cannot parse is replaced, before anything reads
 * it, by one that parses and names no type the portal serves. Spring's parser fails on
 * some quoted values with an index out of bounds rather than its own "invalid media
 * type", and several readers (the welcome page's mapping, exception handler selection) do
 * not expect that: each such request was a 500. Now it is what any unreadable header is:
 * a 406 for a success, and an error answered anyway.
 */
@Configuration(proxyBeanMethods = false)
class AcceptHeader {

	/** The type an unreadable header is replaced with. */
	static final String UNREADABLE = "application/x-unreadable-accept-header";

	@Bean
	FilterRegistrationBean<Readable> readableAcceptHeader() {
		FilterRegistrationBean<Readable> registration = new FilterRegistrationBean<>(new Readable());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.FORWARD);
		return registration;
	}

	static final class Readable extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			chain.doFilter(readable(request) ? request : new Replaced(request), response);
		}

		@Override
		protected boolean shouldNotFilterErrorDispatch() {
			return false;
		}

		static boolean readable(HttpServletRequest request) {
			Enumeration<String> values = request.getHeaders(HttpHeaders.ACCEPT);
			try {
				while (values != null && values.hasMoreElements()) {
					MediaType.parseMediaTypes(values.nextElement());
				}
				return true;
			}
			catch (RuntimeException ex) {
				return false;
			}
		}

	}

	private static final class Replaced extends HttpServletRequestWrapper {

		Replaced(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? UNREADABLE : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(UNREADABLE))
					: super.getHeaders(name);
		}

	}

}
