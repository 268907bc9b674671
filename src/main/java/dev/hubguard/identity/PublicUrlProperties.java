package dev.hubguard.identity;

import java.net.URI;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where people reach the portal. Every redirect and the OAuth {@code redirect_uri} are
 * built from it, never from the request's {@code Host} header.
 *
 * @param url the public base URL ({@code HUBGUARD_PUBLIC_URL}), e.g.
 * {@code https://hubguard.example.org}: required, except in demo mode
 * @param loopback without a URL, use {@code http://127.0.0.1:<port the request arrived
 * on>} (demo mode, which listens on loopback only, sets it)
 */
@Validated
@ConfigurationProperties("hubguard.public")
record PublicUrlProperties(URI url, boolean loopback) {

	PublicUrlProperties {
		if (url != null && url.toString().isBlank()) {
			url = null;
		}
		if (url == null && !loopback) {
			throw new IllegalArgumentException("Set HUBGUARD_PUBLIC_URL to the address people use to reach Hubguard, "
					+ "e.g. https://hubguard.example.org: redirects and the OAuth callback are built from it.");
		}
		if (url != null) {
			String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
			String path = url.getRawPath() == null ? "" : url.getRawPath();
			if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null || url.getRawQuery() != null
					|| url.getRawFragment() != null || url.getRawUserInfo() != null
					|| !(path.isEmpty() || path.equals("/"))) {
				throw new IllegalArgumentException("HUBGUARD_PUBLIC_URL must be a scheme and host (and port), like "
						+ "https://hubguard.example.org, without a path: got " + url);
			}
			url = URI.create(scheme + "://" + url.getRawAuthority().toLowerCase(Locale.ROOT));
		}
	}

}
