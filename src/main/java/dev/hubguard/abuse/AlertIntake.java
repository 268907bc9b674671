package dev.hubguard.abuse;

import dev.hubguard.hub.CatalogueHub;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Turns Alertmanager notifications and cryptnono events into stored alerts: attaches each
 * to its hub (by cluster and namespace) and its user (by a {@code username} label, else
 * through {@link PodUsers}, which also knows pods that are gone). Alerts for hubs the
 * catalogue does not know are kept, for staff.
 */
@Service
public class AlertIntake {

	static final String ALERTMANAGER = "alertmanager";

	static final String CRYPTNONO = "cryptnono";

	private final HubLocator hubs;

	private final PodUsers users;

	private final AlertStore store;

	private final Clock clock;

	private final MeterRegistry meters;

	AlertIntake(HubLocator hubs, PodUsers users, AlertStore store, Clock clock, MeterRegistry meters) {
		this.hubs = hubs;
		this.users = users;
		this.store = store;
		this.clock = clock;
		this.meters = meters;
		// Known from the start, so rate() over them works from the first alert on.
		for (String source : List.of(ALERTMANAGER, CRYPTNONO)) {
			meters.counter("hubguard_alerts_received_total", "source", source);
			meters.counter("hubguard_alerts_new_total", "source", source);
		}
	}

	/**
	 * Stores a whole notification in one transaction; answers how many alerts were new.
	 */
	public int receive(AlertmanagerPayload payload) {
		List<IncomingAlert> alerts = new ArrayList<>();
		for (Alert alert : payload.alerts()) {
			String cluster = alert.label("cluster");
			String namespace = alert.label("namespace");
			String pod = alert.label("pod");
			Optional<CatalogueHub> hub = hubs.locate(cluster, namespace);
			String resolvedCluster = hub.map(h -> h.ref().cluster()).orElse(cluster);
			String username = alert.label("username") != null ? alert.label("username")
					: users.username(resolvedCluster, namespace, pod).orElse(null);
			String summary = alert.annotations().getOrDefault("summary", alert.annotations().get("description"));
			alerts.add(new IncomingAlert(ALERTMANAGER, alert.fingerprint(), alert.startsAt(), alert.endsAt(),
					alert.status(), alert.label("alertname"), alert.label("severity"), resolvedCluster, namespace,
					hub.map(h -> h.ref().toString()).orElse(null), pod, username, summary, alert.labels(),
					alert.generatorURL(), null));
		}
		int added = store.store(alerts, clock.instant());
		meters.counter("hubguard_alerts_received_total", "source", ALERTMANAGER).increment(alerts.size());
		meters.counter("hubguard_alerts_new_total", "source", ALERTMANAGER).increment(added);
		return added;
	}

	/**
	 * Stores process events cryptnono logged in a cluster; re-reading the same lines
	 * changes nothing. An event that names no pod (monero's text lines) is a
	 * cluster-level event on the node of the agent that logged it.
	 */
	int receive(String cluster, String cryptnonoPod, String node, List<CryptnonoEvent> events) {
		List<IncomingAlert> alerts = new ArrayList<>();
		Instant now = clock.instant();
		for (CryptnonoEvent event : events) {
			Optional<CatalogueHub> hub = hubs.locate(cluster, event.namespace());
			String username = users.username(cluster, event.namespace(), event.pod()).orElse(null);
			Map<String, String> labels = new LinkedHashMap<>();
			labels.put("cluster", cluster);
			labels.put("node_agent", cryptnonoPod);
			put(labels, "node", node);
			labels.put("action", event.action());
			put(labels, "namespace", event.namespace());
			put(labels, "pod", event.pod());
			put(labels, "container", event.container());
			put(labels, "matched", event.matched());
			put(labels, "image", event.image());
			put(labels, "pid", event.pid() == null ? null : event.pid().toString());
			Instant at = event.at() == null ? now : event.at();
			alerts.add(new IncomingAlert(CRYPTNONO, fingerprint(cluster, cryptnonoPod, event, at), at, null, "firing",
					alertname(event.action()), severity(event.action()), cluster, event.namespace(),
					hub.map(h -> h.ref().toString()).orElse(null), event.pod(), username, summary(event), labels, null,
					event.namespace() == null && event.pod() == null ? node : null));
		}
		int added = alerts.isEmpty() ? 0 : store.store(alerts, now);
		meters.counter("hubguard_alerts_received_total", "source", CRYPTNONO).increment(alerts.size());
		meters.counter("hubguard_alerts_new_total", "source", CRYPTNONO).increment(added);
		return added;
	}

	private static String alertname(String action) {
		return switch (action) {
			case "killed" -> "CryptoMinerKilled";
			case "missed-kill" -> "CryptoMinerMissedKill";
			case "spared" -> "CryptoMinerSpared";
			default -> "CryptnonoContainerLookupFailed";
		};
	}

	private static String severity(String action) {
		return switch (action) {
			case "killed", "missed-kill" -> "critical";
			case "spared" -> "info";
			default -> "warning";
		};
	}

	private static String summary(CryptnonoEvent event) {
		String what = switch (event.action()) {
			case "killed" -> "cryptnono killed a process";
			case "missed-kill" -> "cryptnono could not kill a matching process";
			case "spared" -> "cryptnono spared a matching process";
			default -> "cryptnono could not find the process's container";
		};
		return what + (event.matched() == null ? "" : " matching '" + event.matched() + "'")
				+ (event.cmdline() == null ? "" : ": " + truncate(event.cmdline()));
	}

	private static String truncate(String text) {
		return text.length() > 300 ? text.substring(0, 300) + "…" : text;
	}

	private static void put(Map<String, String> labels, String name, String value) {
		if (value != null) {
			labels.put(name, value);
		}
	}

	/**
	 * The same logged event always gets the same fingerprint, however often its line is
	 * read.
	 */
	static String fingerprint(String cluster, String agent, CryptnonoEvent event, Instant at) {
		String identity = String.join("|", cluster, agent, event.source(), String.valueOf(event.pid()), event.action(),
				String.valueOf(event.pod()), String.valueOf(event.cmdline()), at.toString());
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
