package dev.hubguard.hub;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes the catalogue tables match a parsed catalogue. Idempotent: importing the same
 * file twice changes nothing. Hubs and clusters that disappear from the file are retired,
 * never deleted, so their history stays.
 */
@Component
class CatalogueImport {

	/** Serialises imports across replicas that read the same file. */
	private static final long LOCK_KEY = 0x4855_4243_4154L;

	private final ClusterRepository clusters;

	private final HubRepository hubs;

	private final AuditLog audit;

	private final JdbcClient jdbc;

	private final Clock clock;

	CatalogueImport(ClusterRepository clusters, HubRepository hubs, AuditLog audit, JdbcClient jdbc, Clock clock) {
		this.clusters = clusters;
		this.hubs = hubs;
		this.audit = audit;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional
	ImportResult apply(List<CatalogueCluster> catalogue, String source, boolean allowMassRetire) {
		jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", LOCK_KEY).query().singleValue();
		Instant now = clock.instant();
		Map<String, Cluster> byName = new HashMap<>();
		clusters.findAll().forEach(c -> byName.put(c.name(), c));
		Map<HubRef, Hub> hubsByRef = new HashMap<>();
		for (Hub hub : hubs.findAllWithCluster()) {
			hubsByRef.put(hub.toCatalogueHub().ref(), hub);
		}
		int added = 0;
		int changed = 0;
		Set<String> seenClusters = new HashSet<>();
		Set<HubRef> seenHubs = new HashSet<>();
		for (CatalogueCluster entry : catalogue) {
			seenClusters.add(entry.name());
			Cluster cluster = byName.get(entry.name());
			if (cluster == null) {
				cluster = new Cluster(entry.name());
				cluster.update(entry, now);
				cluster = clusters.save(cluster);
			}
			else if (cluster.update(entry, now)) {
				changed++;
			}
			for (CatalogueHub hubEntry : entry.hubs()) {
				seenHubs.add(hubEntry.ref());
				Hub hub = hubsByRef.get(hubEntry.ref());
				if (hub == null) {
					hub = new Hub(cluster, hubEntry.ref().hub());
					hub.update(hubEntry, now);
					hubs.save(hub);
					added++;
				}
				else if (hub.update(hubEntry, now)) {
					changed++;
				}
			}
		}
		if (!allowMassRetire) {
			refuseMassRetirement(hubsByRef, seenHubs);
		}
		int retired = 0;
		for (Map.Entry<HubRef, Hub> entry : hubsByRef.entrySet()) {
			if (!seenHubs.contains(entry.getKey()) && entry.getValue().retire(now)) {
				retired++;
			}
		}
		for (Cluster cluster : byName.values()) {
			if (!seenClusters.contains(cluster.name())) {
				cluster.retire(now);
			}
		}
		ImportResult result = new ImportResult(added, changed, retired);
		if (result.changedAnything()) {
			audit.record(AuditEvent.of("system", null, "catalogue.imported", "Imported " + source + ": " + added
					+ " hubs added, " + changed + " changed, " + retired + " retired"));
		}
		return result;
	}

	/**
	 * A typo (a dropped cluster, a broken indentation) must not cut a cluster's users
	 * off: an import that would retire more than a quarter of a cluster's hubs at once
	 * (two or more) is refused unless {@code hubguard.catalogue.allow-mass-retire} is
	 * set.
	 */
	private static void refuseMassRetirement(Map<HubRef, Hub> known, Set<HubRef> seen) {
		Map<String, int[]> byCluster = new TreeMap<>();
		known.forEach((ref, hub) -> {
			if (!hub.retired()) {
				int[] counts = byCluster.computeIfAbsent(ref.cluster(), name -> new int[2]);
				counts[0]++;
				if (!seen.contains(ref)) {
					counts[1]++;
				}
			}
		});
		byCluster.forEach((cluster, counts) -> {
			int active = counts[0];
			int leaving = counts[1];
			if (leaving >= 2 && leaving * 4 > active) {
				throw new InvalidCatalogueException("the import would retire " + leaving + " of the " + active
						+ " hubs of cluster " + cluster + " at once; if that is intended, set "
						+ "HUBGUARD_CATALOGUE_ALLOW_MASS_RETIRE=true for this import");
			}
		});
	}

	record ImportResult(int added, int changed, int retired) {

		boolean changedAnything() {
			return added + changed + retired > 0;
		}

	}

}
