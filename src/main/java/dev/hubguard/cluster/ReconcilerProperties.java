package dev.hubguard.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param tick how often the leader looks for work
 * @param resync how often every owned object is compared with the cluster even without a
 * signal
 * @param maxBackoff the longest wait between retries against a failing cluster
 */
@Validated
@ConfigurationProperties("hubguard.reconciler")
record ReconcilerProperties(Duration tick, Duration resync, Duration maxBackoff) {

	ReconcilerProperties {
		tick = tick == null ? Duration.ofMillis(100) : tick;
		resync = resync == null ? Duration.ofSeconds(30) : resync;
		maxBackoff = maxBackoff == null ? Duration.ofSeconds(60) : maxBackoff;
	}

}
