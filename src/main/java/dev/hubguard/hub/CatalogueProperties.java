package dev.hubguard.hub;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the catalogue file is and how often it is checked for changes.
 *
 * @param path the YAML file; empty means no catalogue (the portal then knows no hubs)
 * @param allowMassRetire lets an import retire more than a quarter of a cluster's hubs at
 * once (refused otherwise, as a likely mistake)
 */
@Validated
@ConfigurationProperties("hubguard.catalogue")
public record CatalogueProperties(String path, Duration reloadInterval, boolean allowMassRetire) {

	public CatalogueProperties {
		reloadInterval = reloadInterval == null ? Duration.ofSeconds(30) : reloadInterval;
	}

	boolean configured() {
		return path != null && !path.isBlank();
	}

}
