package dev.hubguard.abuse;

import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The recent memory and CPU of a report's user server, from Prometheus
 * ({@code query_range} over the last six hours), as charts. Without a configured
 * Prometheus, or when it cannot answer, the page says so.
 */
@Component
class UsageCharts {

	private final PrometheusProperties properties;

	private final HubCatalogue catalogue;

	private final Clock clock;

	private final RestClient rest = RestClient.builder().requestFactory(timeouts()).build();

	private static org.springframework.http.client.JdkClientHttpRequestFactory timeouts() {
		var factory = new org.springframework.http.client.JdkClientHttpRequestFactory(
				java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
		factory.setReadTimeout(Duration.ofSeconds(5));
		return factory;
	}

	UsageCharts(PrometheusProperties properties, HubCatalogue catalogue, Clock clock) {
		this.properties = properties;
		this.catalogue = catalogue;
		this.clock = clock;
	}

	/** Charts or the reason there are none. */
	record Usage(String memoryChart, String cpuChart, String problem) {
	}

	Usage forReport(ReportDetails details) {
		if (properties.url() == null || properties.url().toString().isBlank()) {
			return new Usage(null, null, "Usage charts need Prometheus: set HUBGUARD_PROMETHEUS_URL to the cluster's "
					+ "Prometheus. In the demo, install Prometheus (Debian: apt-get install prometheus) and restart it.");
		}
		String pod = details.alerts()
			.stream()
			.map(ReportDetails.AlertRow::pod)
			.filter(p -> p != null && p.startsWith(PodNames.PREFIX))
			.findFirst()
			.orElse(null);
		String hub = details.report().hub();
		CatalogueHub found = hub == null ? null : catalogue.find(HubRef.parse(hub)).orElse(null);
		if (pod == null || found == null) {
			return new Usage(null, null, "The report names no user server to chart.");
		}
		String selector = "namespace=\"" + escape(found.namespace()) + "\",pod=\"" + escape(pod) + "\"";
		String containers = selector + ",container!=\"\",container!=\"POD\"";
		List<Instant> alerts = details.alerts().stream().map(ReportDetails.AlertRow::startsAt).toList();
		// The last six hours; when the latest alert is older, the six hours around it.
		Instant end = clock.instant();
		if (!alerts.isEmpty() && alerts.get(0).isBefore(end.minus(WINDOW))) {
			end = alerts.get(0).plus(WINDOW.dividedBy(2));
		}
		Instant start = end.minus(WINDOW);
		try {
			List<SvgCharts.Point> memory = range("sum(container_memory_working_set_bytes{" + containers + "})", start,
					end);
			List<SvgCharts.Point> cpu = range("sum(rate(container_cpu_usage_seconds_total{" + containers + "}[5m]))",
					start, end);
			Double memoryLimit = limit(selector, "memory", start, end);
			Double cpuLimit = limit(selector, "cpu", start, end);
			return new Usage(
					SvgCharts.usage(new SvgCharts.Usage("Memory of " + pod, SvgCharts.Unit.GIB, memory, memoryLimit,
							alerts, start, end)),
					SvgCharts.usage(new SvgCharts.Usage("CPU of " + pod, SvgCharts.Unit.CORES, cpu, cpuLimit, alerts,
							start, end)),
					null);
		}
		catch (RestClientException | IllegalStateException ex) {
			return new Usage(null, null,
					"Prometheus at " + properties.url() + " did not answer; the charts come back when it does.");
		}
	}

	private static final Duration WINDOW = Duration.ofHours(6);

	/**
	 * The pod's limit from kube-state-metrics (the highest in the period), or null when
	 * there is none.
	 */
	private Double limit(String selector, String resource, Instant start, Instant end) {
		return range("sum(kube_pod_container_resource_limits{" + selector + ",resource=\"" + resource + "\"})", start,
				end)
			.stream()
			.map(SvgCharts.Point::value)
			.max(Double::compare)
			.orElse(null);
	}

	List<SvgCharts.Point> range(String query, Instant start, Instant end) {
		Map<?, ?> body = rest.get()
			.uri(properties.url().toString() + "/api/v1/query_range?query={q}&start={s}&end={e}&step=60", query,
					start.getEpochSecond(), end.getEpochSecond())
			.retrieve()
			.body(Map.class);
		if (body == null || !"success".equals(body.get("status"))) {
			throw new IllegalStateException("query failed");
		}
		List<SvgCharts.Point> points = new ArrayList<>();
		if (body.get("data") instanceof Map<?, ?> data && data.get("result") instanceof List<?> result
				&& !result.isEmpty() && result.get(0) instanceof Map<?, ?> series
				&& series.get("values") instanceof List<?> values) {
			for (Object value : values) {
				if (value instanceof List<?> pair && pair.size() == 2) {
					double seconds = ((Number) pair.get(0)).doubleValue();
					points.add(new SvgCharts.Point(Instant.ofEpochMilli((long) (seconds * 1000)),
							Double.parseDouble(String.valueOf(pair.get(1)))));
				}
			}
		}
		return points;
	}

	/**
	 * The value as the inside of a PromQL double-quoted string: backslash and quote
	 * escaped, control characters (a line break would end the query's string) as PromQL's
	 * four-digit unicode escapes.
	 */
	static String escape(String value) {
		StringBuilder out = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' || c == '"') {
				out.append('\\').append(c);
			}
			else if (Character.isISOControl(c)) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
