package dev.hubguard.bench;

import dev.hubguard.HubguardApplication;
import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Prints approve-to-applied latency (p50/p99 over 200 approved changes spread over all 26
 * demo hubs) and drift-repair time, measured as a client sees them: from sending the
 * approval (or deleting the object) to the object being in the cluster at the new
 * version. Run with {@code bench/reconciler.sh}.
 */
public final class ReconcilerBenchmark {

	public static void main(String[] args) throws Exception {
		int changes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
		recreateDatabase("hubguard_bench");
		// Command-line arguments, so they win over application.yml as they would for a
		// person running it.
		ConfigurableApplicationContext context = new SpringApplicationBuilder(HubguardApplication.class)
			.run(arguments());
		int status = 0;
		try {
			run(context, changes);
		}
		catch (Exception ex) {
			ex.printStackTrace();
			status = 1;
		}
		finally {
			context.close();
		}
		System.exit(status);
	}

	/**
	 * Demo mode on its own database, with the test profile's staff roster (two staff
	 * people, so that one approves what the other asked for).
	 */
	static String[] arguments() {
		return new String[] { "--hubguard.demo.mode=true", "--hubguard.demo.dir=target/demo-bench", "--server.port=0",
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/hubguard_bench",
				"--spring.datasource.username=postgres", "--logging.level.root=warn",
				"--logging.structured.format.console=",
				"--hubguard.identity.staff.roster=src/test/resources/staff-roster.yaml" };
	}

	private static void run(ConfigurableApplicationContext context, int changes) throws Exception {
		int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
		Accounts accounts = context.getBean(Accounts.class);
		ApiTokens tokens = context.getBean(ApiTokens.class);
		Api requester = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		Api approver = Api.as(port, accounts, tokens, Api.github("second-staff", "hubguard-demo:staff"));
		List<CatalogueHub> hubs = context.getBean(HubCatalogue.class).hubs();
		Map<String, KubernetesClient> clients = new HashMap<>();
		DemoRuntime.current().orElseThrow().clusters().forEach((name, cluster) -> clients.put(name, cluster.client()));
		Map<String, Integer> versions = new HashMap<>();
		List<Double> latencies = new ArrayList<>();
		long started = System.nanoTime();
		for (int i = 0; i < changes; i++) {
			CatalogueHub hub = hubs.get(i % hubs.size());
			String path = "/api/v1/hubs/" + hub.ref() + "/internet-access";
			int version = versions.getOrDefault(hub.ref().toString(), 0);
			// A reduction applies at once; the widening change after it needs approval
			// and is what we time.
			requester.put(path, "{\"mode\":\"BLOCKED\",\"justification\":\"bench\",\"baseVersion\":" + version + "}");
			long id = requester
				.put(path, "{\"mode\":\"WEB_ONLY\",\"justification\":\"bench\",\"baseVersion\":" + (version + 1) + "}")
				.json()
				.get("id")
				.asLong();
			long sent = System.nanoTime();
			int applied = approver.post("/api/v1/change-requests/" + id + "/approve", null)
				.json()
				.get("appliedVersion")
				.asInt();
			waitFor(clients.get(hub.ref().cluster()), hub.namespace(), applied);
			latencies.add((System.nanoTime() - sent) / 1e6);
			versions.put(hub.ref().toString(), applied);
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		report("approve-to-applied", latencies);
		System.out.printf("  %d approved changes (plus %d automatic reductions) across %d hubs in %.1f s%n", changes,
				changes, hubs.size(), seconds);

		List<Double> repairs = new ArrayList<>();
		for (CatalogueHub hub : hubs) {
			KubernetesClient client = clients.get(hub.ref().cluster());
			int version = versions.get(hub.ref().toString());
			long deleted = System.nanoTime();
			client.network().v1().networkPolicies().inNamespace(hub.namespace()).withName("hubguard-egress").delete();
			waitFor(client, hub.namespace(), version);
			repairs.add((System.nanoTime() - deleted) / 1e6);
		}
		report("drift repair (delete to restored)", repairs);
		clients.values().forEach(KubernetesClient::close);
	}

	private static void waitFor(KubernetesClient client, String namespace, int version) throws InterruptedException {
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (System.nanoTime() < deadline) {
			NetworkPolicy policy = client.network()
				.v1()
				.networkPolicies()
				.inNamespace(namespace)
				.withName("hubguard-egress")
				.get();
			if (policy != null && String.valueOf(version)
				.equals(policy.getMetadata().getAnnotations().get("hubguard.dev/desired-version"))) {
				return;
			}
			Thread.sleep(2);
		}
		throw new IllegalStateException("version " + version + " not applied in " + namespace + " within 30 s");
	}

	private static void report(String what, List<Double> millis) {
		List<Double> sorted = new ArrayList<>(millis);
		Collections.sort(sorted);
		System.out.printf("%s: n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%n", what, sorted.size(), percentile(sorted, 50),
				percentile(sorted, 99), sorted.get(sorted.size() - 1));
	}

	static double percentile(List<Double> sorted, int p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.clamp(index, 0, sorted.size() - 1));
	}

	static void recreateDatabase(String name) throws Exception {
		try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres",
				null)) {
			admin.createStatement().execute("drop database if exists " + name + " with (force)");
			admin.createStatement().execute("create database " + name);
		}
	}

	private ReconcilerBenchmark() {
	}

}
