package dev.hubguard.bench;

import dev.hubguard.demo.DemoPreload;
import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.demo.Z2jhObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of {@code bench/run}: extra hubs spread round-robin over the demo's four
 * clusters (in the catalogue file and the in-memory API servers' stores, before the
 * portal starts; 1,000 hubs are 250 a cluster), user pods in every hub, and, in
 * PostgreSQL, change requests, audit rows and alerts written by set-based SQL matching
 * {@code db/migration}.
 */
final class BenchSeed {

	private BenchSeed() {
	}

	/** Hubs as {@code cluster/name}, by cluster, read from the catalogue file. */
	static Map<String, List<String>> hubs(Path catalogue) throws Exception {
		Map<String, List<String>> hubs = new LinkedHashMap<>();
		String cluster = null;
		for (String line : Files.readAllLines(catalogue)) {
			if (line.startsWith("  - name: ")) {
				cluster = line.substring(10).trim();
				hubs.put(cluster, new ArrayList<>());
			}
			else if (line.startsWith("      - name: ") && cluster != null) {
				hubs.get(cluster).add(cluster + "/" + line.substring(14).trim());
			}
		}
		return hubs;
	}

	/**
	 * Adds hubs {@code bench-N} round-robin over the clusters until there are
	 * {@code total}, then loads {@code podsPerHub} user pods into every hub's namespace
	 * (a demo hub's namespace is its name). Returns the hubs added.
	 */
	static List<String> clusters(DemoRuntime world, int total, int podsPerHub) throws Exception {
		Path file = world.dir().resolve("clusters.yaml");
		Map<String, List<String>> existing = hubs(file);
		List<String> clusters = new ArrayList<>(existing.keySet());
		int have = existing.values().stream().mapToInt(List::size).sum();
		Map<String, List<HasMetadata>> objects = new LinkedHashMap<>();
		Map<String, StringBuilder> entries = new LinkedHashMap<>();
		List<String> added = new ArrayList<>();
		for (String cluster : clusters) {
			objects.put(cluster, new ArrayList<>());
			entries.put(cluster, new StringBuilder());
		}
		for (int h = 0; have + h < total; h++) {
			String cluster = clusters.get(h % clusters.size());
			String ns = "bench-" + h;
			objects.get(cluster).add(Z2jhObjects.namespace(ns));
			objects.get(cluster).add(Z2jhObjects.singleuserPolicy(ns, false));
			entries.get(cluster).append("""
					      - name: %s
					        namespace: %s
					        helmRelease: %s
					        url: https://%s.hubs.example
					        auth: github
					        admins:
					          users: ["bench-admin"]
					""".formatted(ns, ns, ns, ns));
			added.add(cluster + "/" + ns);
		}
		for (String cluster : clusters) {
			List<String> namespaces = new ArrayList<>(
					existing.get(cluster).stream().map(h -> h.split("/")[1]).toList());
			added.stream().filter(h -> h.startsWith(cluster + "/")).forEach(h -> namespaces.add(h.split("/")[1]));
			for (String ns : namespaces) {
				for (int p = 0; p < podsPerHub; p++) {
					objects.get(cluster)
						.add(new PodBuilder(Z2jhObjects.userPod(ns, "bench-user" + p)).editSpec()
							.withNodeName(cluster + "-user-pool-" + (p % 20))
							.withAutomountServiceAccountToken(false)
							.endSpec()
							.build());
				}
			}
			DemoPreload.preload(world.cluster(cluster), objects.get(cluster));
		}
		String catalogue = Files.readString(file);
		for (String cluster : clusters) {
			String header = "  - name: " + cluster + "\n";
			int at = catalogue.indexOf("    hubs:\n", catalogue.indexOf(header)) + "    hubs:\n".length();
			catalogue = catalogue.substring(0, at) + entries.get(cluster) + catalogue.substring(at);
		}
		Files.writeString(file, catalogue);
		return added;
	}

	/** Change requests on the given hubs: one in a hundred pending, the rest decided. */
	static void changeRequests(Connection db, List<String> hubs, int count) throws Exception {
		run(db, """
				insert into change_requests (hub, kind, state, before_state, after_state, summary, justification,
				    base_version, applied_version, widens_access, requested_by, requested_at, decided_by, decided_at,
				    decision_note, requested_by_person, requested_by_emails)
				select h[1 + g %% array_length(h, 1)], 'internet-access', s.state,
				    '{"mode":"BLOCKED","allowPrivate":false,"rules":[]}', '{"mode":"OPEN","allowPrivate":false,"rules":[]}',
				    'blocked (no internet) → open internet', 'seeded request ' || g, 0,
				    case when s.state = 'APPROVED' then 1 end, true, 'github:bench-admin',
				    now() - g * interval '1 minute',
				    case when s.state in ('APPROVED', 'REJECTED') then 'cilogon:sam@hubguard.example' end,
				    case when s.state <> 'PENDING' then now() - g * interval '1 minute' + interval '5 minutes' end,
				    null, 'bench-admin', '{}'
				from generate_series(1, %d) g, (select ?::text[] as h) hubs,
				    lateral (select case when g %% 100 = 0 then 'PENDING' when g %% 7 = 0 then 'REJECTED'
				                         when g %% 11 = 0 then 'WITHDRAWN' else 'APPROVED' end as state) s
				"""
			.formatted(count), db.createArrayOf("text", hubs.toArray()));
	}

	/** Audit rows over the last weeks, on the given hubs. */
	static void audit(Connection db, List<String> hubs, int count) throws Exception {
		run(db, """
				insert into audit_log (at, actor, hub, action, summary)
				select now() - g * interval '1 second', case when g %% 3 = 0 then 'hubguard' else 'github:bench-admin' end,
				    h[1 + g %% array_length(h, 1)],
				    (array['cluster.applied', 'egress.changed', 'abuse.alert', 'secret.updated'])[1 + g %% 4],
				    'Seeded audit entry ' || g
				from generate_series(1, %d) g, (select ?::text[] as h) hubs
				"""
			.formatted(count), db.createArrayOf("text", hubs.toArray()));
	}

	/**
	 * Users with an abuse report on each of {@code hubs} hubs: about 4,000 reports in all
	 * (40 a hub at 100 hubs, 4 at 1,000), so the volume does not grow with the hubs.
	 */
	static int reportsPerHub(int hubs) {
		return Math.max(1, 4_000 / Math.max(1, hubs));
	}

	/**
	 * Abuse reports ({@link #reportsPerHub} users a hub, one in ten open; numbered here,
	 * so the trigger does not) and {@code count} alerts spread over them, as intake would
	 * have stored them.
	 */
	static void alerts(Connection db, List<String> hubs, int count) throws Exception {
		Array h = db.createArrayOf("text", hubs.toArray());
		run(db, """
				insert into abuse_reports (ref, hub, subject, username, state, opened_at, updated_at, number)
				select 'seed' || lpad(g::text, 8, '0'), h[1 + (g - 1) %% array_length(h, 1)],
				    'user:seed-' || ((g - 1) / array_length(h, 1)), 'seed-' || ((g - 1) / array_length(h, 1)),
				    case when g %% 10 = 0 then 'OPEN' else 'RESOLVED' end,
				    now() - interval '30 days' + g * interval '1 minute', now(), (g - 1) / array_length(h, 1) + 1
				from (select ?::text[] as h) hubs, generate_series(1, array_length(hubs.h, 1) * %d) g
				""".formatted(reportsPerHub(hubs.size())), h);
		run(db, """
				insert into abuse_alerts (source, fingerprint, starts_at, status, alertname, severity, cluster, namespace,
				    hub, pod, username, summary, labels, generator_url, report_id, received_at)
				select 'alertmanager', 'seed-' || g, now() - interval '30 days' + g * interval '1 second', 'firing',
				    'UserMemoryNearLimit', 'warning', split_part(r.hub, '/', 1), split_part(r.hub, '/', 2), r.hub,
				    'jupyter-' || r.username, r.username, 'memory near limit',
				    '{"alertname":"UserMemoryNearLimit","severity":"warning"}', 'http://prometheus:9090/graph', r.id,
				    now() - interval '30 days' + g * interval '1 second'
				from generate_series(1, %d) g
				join abuse_reports r on r.ref = 'seed' || lpad((1 + g %% (select count(*) from abuse_reports
				    where ref like 'seed%%'))::text, 8, '0')
				"""
			.formatted(count));
	}

	private static void run(Connection db, String sql, Object... parameters) throws Exception {
		try (PreparedStatement statement = db.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			statement.executeUpdate();
		}
	}

}
