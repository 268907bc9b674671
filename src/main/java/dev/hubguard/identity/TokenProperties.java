package dev.hubguard.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxLifetime the longest an API token may live
 */
@Validated
@ConfigurationProperties("hubguard.tokens")
record TokenProperties(Duration maxLifetime) {

	TokenProperties {
		maxLifetime = maxLifetime == null ? Duration.ofDays(365) : maxLifetime;
	}

}
