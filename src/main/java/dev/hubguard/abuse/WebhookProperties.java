package dev.hubguard.abuse;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Machine-to-machine intake.
 *
 * @param alertmanagerToken the bearer token Alertmanager's webhook config sends; empty
 * disables the webhook
 * @param maxBodyBytes the largest notification accepted
 */
@Validated
@ConfigurationProperties("hubguard.intake")
public record WebhookProperties(String alertmanagerToken, Integer maxBodyBytes) {

	public WebhookProperties {
		maxBodyBytes = maxBodyBytes == null ? 2 * 1024 * 1024 : maxBodyBytes;
	}

	@Override
	public String toString() {
		return "WebhookProperties[alertmanagerToken="
				+ (alertmanagerToken == null || alertmanagerToken.isBlank() ? "unset" : "set") + ", maxBodyBytes="
				+ maxBodyBytes + "]";
	}

}
