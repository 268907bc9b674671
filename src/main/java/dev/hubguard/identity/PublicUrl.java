package dev.hubguard.identity;

import jakarta.servlet.ServletRequest;
import java.net.URI;
import java.util.Optional;

/**
 * The portal's public base URL, from configuration; in demo mode (loopback) the 127.0.0.1
 * address and port a request arrived on, which no header can change.
 */
public final class PublicUrl {

	private final URI configured;

	PublicUrl(PublicUrlProperties properties) {
		this.configured = properties.url();
	}

	/** The configured base URL, if one is (outside demo mode there always is). */
	public Optional<URI> configured() {
		return Optional.ofNullable(configured);
	}

	/** The base URL for this request: scheme, host and port, no trailing slash. */
	public URI base(ServletRequest request) {
		if (configured != null) {
			return configured;
		}
		int port = request.getLocalPort();
		return URI.create("http://127.0.0.1" + (port == 80 || port <= 0 ? "" : ":" + port));
	}

}
