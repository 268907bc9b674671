package dev.hubguard.abuse;

import jakarta.servlet.http.HttpServletRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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

	private final Counter invalid;

	private final Counter tooLarge;

	AlertmanagerWebhookController(AlertIntake intake, WebhookProperties properties, Clock clock, MeterRegistry meters) {
		this.intake = intake;
		this.properties = properties;
		this.clock = clock;
		this.invalid = rejected(meters, "invalid");
		this.tooLarge = rejected(meters, "too_large");
	}

	private static Counter rejected(MeterRegistry meters, String reason) {
		return Counter.builder("hubguard_alerts_rejected")
			.description("Alertmanager notifications refused (nothing stored), by reason")
			.tags("source", AlertIntake.ALERTMANAGER, "reason", reason)
			.register(meters);
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
		AlertmanagerPayload payload;
		try {
			payload = AlertmanagerPayloads.parse(body, clock.instant());
		}
		catch (InvalidPayloadException ex) {
			this.invalid.increment();
			throw ex;
		}
		int added = intake.receive(payload);
		return ResponseEntity.ok(Map.of("received", payload.alerts().size(), "new", added));
	}

	private ResponseEntity<Map<String, Object>> tooLarge() {
		this.tooLarge.increment();
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
			.header("Connection", "close")
			.body(Map.of("error", "too_large", "message", "A notification has at most " + properties.maxBodyBytes()
					+ " bytes: lower max_alerts in the Alertmanager webhook config."));
	}

}
