package dev.hubguard.abuse;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/alerts/alertmanager}: Alertmanager's webhook (payload version 4).
 * The route rule admits only Alertmanager's bearer token. A 2xx means the whole
 * notification is committed; anything else is safe for Alertmanager to retry.
 */
@RestController
class AlertmanagerWebhookController {

	private final AlertIntake intake;

	private final WebhookProperties properties;

	private final Clock clock;

	AlertmanagerWebhookController(AlertIntake intake, WebhookProperties properties, Clock clock) {
		this.intake = intake;
		this.properties = properties;
		this.clock = clock;
	}

	@PostMapping("/api/v1/alerts/alertmanager")
	ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) throws IOException {
		long declared = request.getContentLengthLong();
		if (declared > properties.maxBodyBytes()) {
			return tooLarge();
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(properties.maxBodyBytes() + 1);
		}
		if (body.length > properties.maxBodyBytes()) {
			return tooLarge();
		}
		AlertmanagerPayload payload = AlertmanagerPayloads.parse(body, clock.instant());
		int added = intake.receive(payload);
		return ResponseEntity.ok(Map.of("received", payload.alerts().size(), "new", added));
	}

	private ResponseEntity<Map<String, Object>> tooLarge() {
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
			.header("Connection", "close")
			.body(Map.of("error", "too_large", "message", "A notification has at most " + properties.maxBodyBytes()
					+ " bytes: lower max_alerts in the Alertmanager webhook config."));
	}

}
