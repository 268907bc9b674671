package dev.hubguard.abuse;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import dev.hubguard.cluster.ClusterClients;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.identity.Access;
import dev.hubguard.shared.ConflictException;
import dev.hubguard.shared.ForbiddenException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Staff may stop the server of a report's user: its pod is deleted, as JupyterHub's admin
 * panel would.
 */
@Component
class ServerStopper {

	private final AbuseReports reports;

	private final HubCatalogue catalogue;

	private final ClusterClients clients;

	private final JdbcClient jdbc;

	private final Access access;

	private final AuditLog audit;

	ServerStopper(AbuseReports reports, HubCatalogue catalogue, ClusterClients clients, JdbcClient jdbc, Access access,
			AuditLog audit) {
		this.reports = reports;
		this.catalogue = catalogue;
		this.clients = clients;
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
	}

	/** Answers the pod that was deleted. */
	String stop(Authentication who, String ref) {
		AbuseReport report = reports.visible(who, ref);
		if (!access.isStaff(who)) {
			throw new ForbiddenException("Only provider staff stop user servers.");
		}
		CatalogueHub hub = report.hub() == null ? null : catalogue.find(report.hub()).orElse(null);
		String pod = jdbc.sql("""
				select pod from abuse_alerts where report_id = :id and pod like 'jupyter-%'
				order by starts_at desc limit 1""")
			.param("id", report.id())
			.query(String.class)
			.optional()
			.orElse(null);
		if (hub == null || pod == null) {
			throw new ConflictException("This report names no user server of a known hub to stop.");
		}
		try {
			boolean deleted = !clients.forCluster(hub.ref().cluster())
				.orElseThrow()
				.pods()
				.inNamespace(hub.namespace())
				.withName(pod)
				.delete()
				.isEmpty();
			String by = Access.handle(who);
			audit.record(AuditEvent.of(by, hub.ref().toString(), "abuse.server-stopped",
					(deleted ? "Stopped " : "Tried to stop (already gone) ") + pod + " for report " + ref));
			return pod;
		}
		catch (KubernetesClientException ex) {
			throw new ConflictException("The cluster did not stop " + pod + ": "
					+ (ex.getCode() > 0 ? "it answered " + ex.getCode() : "it is unreachable") + ". Try again.");
		}
	}

}
