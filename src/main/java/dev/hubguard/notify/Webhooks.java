package dev.hubguard.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hubguard.egress.NonPublicAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Chat webhook URLs by key, from a mounted file ({@code HUBGUARD_NOTIFY_WEBHOOKS_FILE}, a
 * YAML map of key to URL, re-read when it changes): URLs are never in the catalogue, a
 * page or a log. A URL is used only if it is https and every address its host resolves to
 * is public (the portal holds cluster credentials: no requests to the inside).
 */
@Component
class Webhooks {

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	private final Path file;

	private final boolean plainHttpForTests;

	private FileTime readAt;

	private Map<String, String> urls = Map.of();

	Webhooks(NotifyProperties properties) {
		this.file = properties.webhooksFile();
		this.plainHttpForTests = properties.plainHttpWebhooksForTestsOnly();
	}

	boolean configured() {
		return file != null;
	}

	/** The checked address of the key's webhook; throws with words fit for staff. */
	URI target(String key) throws Channel.DeliveryException {
		String url = urls().get(key);
		if (url == null) {
			throw new Channel.DeliveryException("the webhooks file names no webhook '" + key + "'", null);
		}
		URI uri;
		try {
			uri = URI.create(url.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new Channel.DeliveryException("the webhook '" + key + "' is not a URL", null);
		}
		Optional<String> refusal = refusal(uri, plainHttpForTests);
		if (refusal.isPresent()) {
			throw new Channel.DeliveryException("the webhook '" + key + "' is refused: " + refusal.get(), null);
		}
		return uri;
	}

	/** Why a webhook address may not be used, if it may not. */
	static Optional<String> refusal(URI uri, boolean plainHttpForTests) {
		boolean https = "https".equals(uri.getScheme());
		if (!https && !(plainHttpForTests && "http".equals(uri.getScheme()))) {
			return Optional.of("a webhook is https only");
		}
		if (uri.getHost() == null || uri.getRawUserInfo() != null) {
			return Optional.of("a webhook URL has a host and no user name or password");
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(uri.getHost());
		}
		catch (UnknownHostException ex) {
			return Optional.of("its host does not resolve");
		}
		for (InetAddress address : addresses) {
			if (plainHttpForTests && address.isLoopbackAddress()) {
				continue;
			}
			Optional<String> what = NonPublicAddresses.what(address);
			if (what.isPresent()) {
				return Optional.of("its host resolves to " + what.get());
			}
			if (address.isMulticastAddress() || address.isAnyLocalAddress()) {
				return Optional.of("its host resolves to an address that is not public");
			}
		}
		return Optional.empty();
	}

	private synchronized Map<String, String> urls() throws Channel.DeliveryException {
		if (file == null) {
			return Map.of();
		}
		try {
			FileTime modified = Files.getLastModifiedTime(file);
			if (!modified.equals(readAt)) {
				Map<?, ?> read = YAML.readValue(file.toFile(), Map.class);
				Map<String, String> fresh = new HashMap<>();
				if (read != null) {
					read.forEach((k, v) -> fresh.put(String.valueOf(k), String.valueOf(v)));
				}
				urls = Map.copyOf(fresh);
				readAt = modified;
			}
			return urls;
		}
		catch (IOException ex) {
			throw new Channel.DeliveryException("the webhooks file cannot be read", null);
		}
	}

}
