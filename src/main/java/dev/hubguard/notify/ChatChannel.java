package dev.hubguard.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Chat by incoming webhook, in Slack's {@code {"text": …}} shape (Mattermost and others
 * take it too): no redirects followed, a 5 s limit, errors that never show the URL.
 */
@Component
class ChatChannel implements Channel {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Webhooks webhooks;

	private final HttpClient http;

	private final NotifyProperties properties;

	ChatChannel(Webhooks webhooks, NotifyProperties properties) {
		this.webhooks = webhooks;
		this.properties = properties;
		this.http = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(properties.webhookTimeout())
			.build();
	}

	@Override
	public String id() {
		return "chat";
	}

	@Override
	public boolean available() {
		return webhooks.configured();
	}

	@Override
	public void send(Outgoing message) throws DeliveryException {
		URI target = webhooks.target(message.address());
		String key = message.address();
		try {
			HttpRequest request = HttpRequest.newBuilder(target)
				.timeout(properties.webhookTimeout())
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("text", message.text()))))
				.build();
			HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() / 100 != 2) {
				throw new DeliveryException("the webhook '" + key + "' answered " + response.statusCode()
						+ (response.statusCode() / 100 == 3 ? " (a redirect, not followed)" : ""), null);
			}
		}
		catch (IOException ex) {
			throw new DeliveryException(
					"the webhook '" + key + "' could not be reached (" + ex.getClass().getSimpleName() + ")", null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DeliveryException("interrupted while calling the webhook '" + key + "'", null);
		}
	}

}
