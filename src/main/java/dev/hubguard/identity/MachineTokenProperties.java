package dev.hubguard.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The bearer tokens machines present: Alertmanager's webhook and the Prometheus scrape of
 * {@code /actuator/prometheus}. Either empty disables that door.
 *
 * @param alertmanagerToken {@code HUBGUARD_ALERTMANAGER_TOKEN}
 * @param metricsToken {@code HUBGUARD_METRICS_TOKEN}
 */
@Validated
@ConfigurationProperties("hubguard.machine-tokens")
public record MachineTokenProperties(String alertmanagerToken, String metricsToken) {

	@Override
	public String toString() {
		return "MachineTokenProperties[alertmanagerToken=" + state(alertmanagerToken) + ", metricsToken="
				+ state(metricsToken) + "]";
	}

	private static String state(String token) {
		return token == null || token.isBlank() ? "unset" : "set";
	}

}
