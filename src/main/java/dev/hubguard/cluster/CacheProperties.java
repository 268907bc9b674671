package dev.hubguard.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the cluster caches notice a watch that died.
 *
 * @param checkEvery how often every store is checked
 * @param disconnected how long a store's watch may stay disconnected (the client
 * reconnects by itself within moments) before the store is listed again
 * @param quiet how long a store may have no event and no bookmark before it is listed
 * again (a watch can die without the connection saying so)
 */
@ConfigurationProperties("hubguard.cache")
record CacheProperties(Duration checkEvery, Duration disconnected, Duration quiet) {

	CacheProperties {
		checkEvery = checkEvery == null ? Duration.ofSeconds(5) : checkEvery;
		disconnected = disconnected == null ? Duration.ofSeconds(5) : disconnected;
		quiet = quiet == null ? Duration.ofMinutes(10) : quiet;
	}

}
