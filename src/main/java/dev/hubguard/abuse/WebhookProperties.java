package dev.hubguard.abuse;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Machine-to-machine intake.
 *
 * (The webhook's bearer token is {@code identity.MachineTokenProperties}: identity checks
 * it before any of this runs.)
 *
 * @param maxBodyBytes the largest notification accepted
 */
@Validated
@ConfigurationProperties("hubguard.intake")
public record WebhookProperties(Integer maxBodyBytes) {

	public WebhookProperties {
		maxBodyBytes = maxBodyBytes == null ? 2 * 1024 * 1024 : maxBodyBytes;
	}

}
