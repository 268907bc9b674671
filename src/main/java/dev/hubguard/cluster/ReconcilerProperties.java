package dev.hubguard.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param tick how often the leader looks for work
 * @param resync how often every owned object is compared with the cluster even without a
 * signal
 * @param maxBackoff the longest wait between retries against a failing cluster
 * @param fightRepairs how many repairs of one object within {@code fightWindow} make a
 * fight with another controller rather than drift: the object becomes ERROR and its
 * repairs back off
 * @param fightWindow see {@code fightRepairs}
 */
@Validated
@ConfigurationProperties("hubguard.reconciler")
record ReconcilerProperties(Duration tick, Duration resync, Duration maxBackoff, Integer fightRepairs,
		Duration fightWindow) {

	ReconcilerProperties {
		tick = tick == null ? Duration.ofMillis(100) : tick;
		resync = resync == null ? Duration.ofSeconds(30) : resync;
		maxBackoff = maxBackoff == null ? Duration.ofSeconds(60) : maxBackoff;
		fightRepairs = fightRepairs == null ? 5 : fightRepairs;
		fightWindow = fightWindow == null ? Duration.ofMinutes(10) : fightWindow;
	}

}
