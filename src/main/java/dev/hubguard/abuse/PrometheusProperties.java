package dev.hubguard.abuse;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param url the Prometheus HTTP API base (e.g. {@code http://prometheus.support:9090});
 * empty disables usage charts
 */
@Validated
@ConfigurationProperties("hubguard.prometheus")
public record PrometheusProperties(URI url) {
}
