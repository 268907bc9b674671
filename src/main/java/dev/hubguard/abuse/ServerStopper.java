package dev.hubguard.abuse;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import dev.hubguard.cluster.ClusterClients;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.identity.Access;
import dev.hubguard.shared.ConflictException;
import dev.hubguard.shared.ForbiddenException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Staff may stop the server of a report's user: its pod is deleted, as JupyterHub's admin
 * panel would.
 */
@Component
class ServerStopper {

	private final AbuseReports reports;

	private final UserServers servers;

	private final ClusterClients clients;

	private final ReportEvents events;

	private final Access access;

	private final AuditLog audit;

	ServerStopper(AbuseReports reports, UserServers servers, ClusterClients clients, ReportEvents events, Access access,
			AuditLog audit) {
		this.reports = reports;
		this.servers = servers;
		this.clients = clients;
		this.events = events;
		this.access = access;
		this.audit = audit;
	}

	/** Answers the pod that was deleted. */
	String stop(Authentication who, String ref) {
		AbuseReport report = reports.visible(who, ref);
		if (!access.isStaff(who)) {
			throw new ForbiddenException("Only provider staff stop user servers.");
		}
		UserServers.Server server = servers.of(report);
		CatalogueHub hub = server.hub();
		String pod = server.pod();
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
			if (deleted) {
				events.record(report.id(), ReportEvents.SERVER_STOPPED, by, pod);
			}
			return pod;
		}
		catch (KubernetesClientException ex) {
			throw new ConflictException("The cluster did not stop " + pod + ": "
					+ (ex.getCode() > 0 ? "it answered " + ex.getCode() : "it is unreachable") + ". Try again.");
		}
	}

}
