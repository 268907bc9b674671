package dev.hubguard;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each top-level package is a feature module: no cycles between features, and no feature
 * reaching into another's sub-packages.
 */
class ModularityTest {

	@Test
	void featuresDependOnEachOthersPublicApiWithoutCycles() {
		ApplicationModules.of(HubguardApplication.class).verify();
	}

}
