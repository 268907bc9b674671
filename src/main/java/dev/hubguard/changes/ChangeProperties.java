package dev.hubguard.changes;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param applyReductionsAtOnce whether a change that only reduces exposure is applied
 * without review
 */
@Validated
@ConfigurationProperties("hubguard.changes")
record ChangeProperties(Boolean applyReductionsAtOnce) {

	ChangeProperties {
		applyReductionsAtOnce = applyReductionsAtOnce == null ? Boolean.TRUE : applyReductionsAtOnce;
	}

}
