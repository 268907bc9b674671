package dev.hubguard.support;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Empties the test database once per JVM, then migrates it, so every run starts from the
 * migrations; and adds the test-only beans of the shared context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabase {

	private static final AtomicBoolean CLEANED = new AtomicBoolean();

	/** A second kind of owned object, proving the cluster layer generic. */
	@Bean
	TestConfigMaps testConfigMaps() {
		return new TestConfigMaps();
	}

	@Bean
	FlywayMigrationStrategy cleanOnceThenMigrate() {
		return flyway -> {
			if (CLEANED.compareAndSet(false, true)) {
				flyway.clean();
			}
			flyway.migrate();
		};
	}

}
