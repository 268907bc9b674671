package dev.hubguard.abuse;

import dev.hubguard.cluster.ClusterCaches;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The user server a report is about (the pod of its latest alert on a user server) and
 * whether it runs, from the cluster cache: no request to the cluster.
 */
@Component
class UserServers {

	private final HubCatalogue catalogue;

	private final ClusterCaches caches;

	private final JdbcClient jdbc;

	UserServers(HubCatalogue catalogue, ClusterCaches caches, JdbcClient jdbc) {
		this.catalogue = catalogue;
		this.caches = caches;
		this.jdbc = jdbc;
	}

	/**
	 * @param state {@code running}, {@code stopping} (deletion asked), {@code stopped}
	 * (not in the cluster), {@code unknown} (the cluster cache is not ready) or
	 * {@code none} (no user server of a known hub)
	 */
	record Server(CatalogueHub hub, String pod, String state) {

		boolean stoppable() {
			return "running".equals(state);
		}

	}

	Server of(AbuseReport report) {
		CatalogueHub hub = report.hub() == null ? null : catalogue.find(report.hub()).orElse(null);
		String pod = jdbc.sql("""
				select pod from abuse_alerts where report_id = :id and pod like 'jupyter-%'
				order by starts_at desc, id desc limit 1""")
			.param("id", report.id())
			.query(String.class)
			.optional()
			.orElse(null);
		if (hub == null || pod == null) {
			return new Server(hub, pod, "none");
		}
		var cache = caches.forCluster(hub.ref().cluster()).filter(c -> c.state().usable());
		if (cache.isEmpty()) {
			return new Server(hub, pod, "unknown");
		}
		String state = cache.get()
			.userPod(hub.namespace(), pod)
			.map(p -> p.getMetadata().getDeletionTimestamp() == null ? "running" : "stopping")
			.orElse("stopped");
		return new Server(hub, pod, state);
	}

}
