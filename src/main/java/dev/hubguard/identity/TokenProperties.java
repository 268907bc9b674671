package dev.hubguard.identity;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param maxLifetime the longest an API token may live
 * @param signInEvery a token carries the roles its owner had at their last sign-in, so it
 * stops working when the owner has not signed in for this long: a person removed from a
 * team loses their tokens' powers too
 */
@Validated
@ConfigurationProperties("hubguard.tokens")
record TokenProperties(Duration maxLifetime, Duration signInEvery) {

	TokenProperties {
		maxLifetime = maxLifetime == null ? Duration.ofDays(365) : maxLifetime;
		signInEvery = signInEvery == null ? Duration.ofDays(30) : signInEvery;
	}

}
