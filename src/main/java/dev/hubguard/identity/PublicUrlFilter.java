package dev.hubguard.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URI;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs first: everything after it (Spring Security's sign-in redirects and saved
 * requests, the OAuth {@code redirect_uri}, controllers' redirects) sees the request as
 * addressed to the public URL, and a relative redirect is made absolute on the public URL
 * rather than on the {@code Host} header. Requests are never refused for their Host, so
 * probes and scrapes addressed to a pod IP keep working.
 */
class PublicUrlFilter extends OncePerRequestFilter {

	private final PublicUrl publicUrl;

	PublicUrlFilter(PublicUrl publicUrl) {
		this.publicUrl = publicUrl;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		URI base = publicUrl.base(request);
		chain.doFilter(new PublicRequest(request, base), new PublicResponse(response, request, base));
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	private static int port(URI base) {
		return base.getPort() > 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
	}

	private static final class PublicRequest extends HttpServletRequestWrapper {

		private final URI base;

		PublicRequest(HttpServletRequest request, URI base) {
			super(request);
			this.base = base;
		}

		@Override
		public String getScheme() {
			return base.getScheme();
		}

		@Override
		public boolean isSecure() {
			return "https".equals(base.getScheme());
		}

		@Override
		public String getServerName() {
			return base.getHost();
		}

		@Override
		public int getServerPort() {
			return port(base);
		}

		@Override
		public StringBuffer getRequestURL() {
			return new StringBuffer(base.toString()).append(getRequestURI());
		}

		@Override
		public String getHeader(String name) {
			return HttpHeaders.HOST.equalsIgnoreCase(name) ? base.getRawAuthority() : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return HttpHeaders.HOST.equalsIgnoreCase(name)
					? Collections.enumeration(java.util.List.of(base.getRawAuthority())) : super.getHeaders(name);
		}

	}

	private static final class PublicResponse extends HttpServletResponseWrapper {

		private final HttpServletRequest request;

		private final URI base;

		PublicResponse(HttpServletResponse response, HttpServletRequest request, URI base) {
			super(response);
			this.request = request;
			this.base = base;
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			super.sendRedirect(absolute(location));
		}

		@Override
		public void sendRedirect(String location, int sc) throws IOException {
			super.sendRedirect(absolute(location), sc);
		}

		@Override
		public void sendRedirect(String location, boolean clearBuffer) throws IOException {
			super.sendRedirect(absolute(location), clearBuffer);
		}

		@Override
		public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
			super.sendRedirect(absolute(location), sc, clearBuffer);
		}

		/** A relative location resolved against this request's URL on the public base. */
		private String absolute(String location) {
			try {
				URI target = URI.create(location);
				if (target.isAbsolute() || location.startsWith("//")) {
					return location;
				}
				return URI.create(base + request.getRequestURI()).resolve(target).toString();
			}
			catch (IllegalArgumentException ex) {
				return base + (location.startsWith("/") ? "" : "/") + location;
			}
		}

	}

}
