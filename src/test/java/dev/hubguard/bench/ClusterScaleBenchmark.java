package dev.hubguard.bench;

import dev.hubguard.HubguardApplication;
import dev.hubguard.cluster.Reconciler;
import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.demo.InMemoryCluster;
import dev.hubguard.demo.Kubeconfig;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.TestConfigMaps;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reconciler and the cluster cache at a provider's scale: N hubs (default 1,000) on
 * one in-memory cluster, 3 owned objects each (the egress NetworkPolicy and two
 * ConfigMaps of a second feature). Prints the time of a full resync with nothing to
 * change and the API requests it made, approve-to-applied latency under that load, and
 * the API requests made by N effective-access page views. Run with
 * {@code bench/reconciler.sh scale [hubs]}.
 */
public final class ClusterScaleBenchmark {

	public static void main(String[] args) throws Exception {
		int hubs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
		ReconcilerBenchmark.recreateDatabase("hubguard_bench");
		InMemoryCluster scale = InMemoryCluster.start("scale");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(HubguardApplication.class)
			.initializers(ctx -> ((GenericApplicationContext) ctx).registerBean(TestConfigMaps.class))
			.run(ReconcilerBenchmark.arguments());
		int status = 0;
		try {
			run(context, scale, hubs);
		}
		catch (Exception ex) {
			ex.printStackTrace();
			status = 1;
		}
		finally {
			context.close();
			scale.stop();
		}
		System.exit(status);
	}

	private static void run(ConfigurableApplicationContext context, InMemoryCluster scale, int count) throws Exception {
		DemoRuntime demo = DemoRuntime.current().orElseThrow();
		Map<String, String> servers = new LinkedHashMap<>();
		demo.clusters().forEach((name, cluster) -> servers.put(name, cluster.url()));
		servers.put("scale", scale.url());
		Files.writeString(demo.dir().resolve("kubeconfig"), Kubeconfig.of(servers));
		StringBuilder catalogue = new StringBuilder(Files.readString(demo.dir().resolve("clusters.yaml")));
		catalogue.append("  - name: scale\n    provider: gcp\n    kubeContext: scale\n    hubs:\n");
		List<HubRef> refs = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String name = String.format("h%04d", i);
			refs.add(new HubRef("scale", name));
			catalogue.append("      - name: ").append(name).append("\n        admins: {users: [nobody]}\n");
		}
		HubCatalogue hubCatalogue = context.getBean(HubCatalogue.class);
		hubCatalogue.importYaml(catalogue.toString(), "scale benchmark");
		int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
		Accounts accounts = context.getBean(Accounts.class);
		ApiTokens tokens = context.getBean(ApiTokens.class);
		Api requester = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		Api approver = Api.as(port, accounts, tokens, Api.github("second-staff", "hubguard-demo:staff"));
		TestConfigMaps configMaps = context.getBean(TestConfigMaps.class);
		long seeding = System.nanoTime();
		for (HubRef hub : refs) {
			configMaps.desire(hub, hub.hub(), "bench-a", Map.of("k", "a"));
			configMaps.desire(hub, hub.hub(), "bench-b", Map.of("k", "b"));
			requester.put("/api/v1/hubs/" + hub + "/internet-access",
					"{\"mode\":\"BLOCKED\",\"justification\":\"bench\",\"baseVersion\":0}");
		}
		JdbcClient jdbc = context.getBean(JdbcClient.class);
		waitUntil(() -> jdbc
			.sql("select count(*) from reconcile_status where hub like 'scale/%' and state = 'IN_SYNC' "
					+ "and applied_version = desired_version")
			.query(Integer.class)
			.single() >= 3 * count, 600);
		System.out.printf("seeded %d hubs x 3 owned objects in %.1f s%n", count, (System.nanoTime() - seeding) / 1e9);

		Reconciler reconciler = context.getBean(Reconciler.class);
		reconciler.resyncNow();
		long requestsBefore = scale.requests();
		long started = System.nanoTime();
		reconciler.resyncNow();
		double resyncMillis = (System.nanoTime() - started) / 1e6;
		long resyncRequests = scale.requests() - requestsBefore;

		List<Double> latencies = new ArrayList<>();
		try (KubernetesClient client = scale.client()) {
			for (int i = 0; i < 100; i++) {
				HubRef hub = refs.get(i * (count / 100));
				String path = "/api/v1/hubs/" + hub + "/internet-access";
				long id = requester.put(path, "{\"mode\":\"WEB_ONLY\",\"justification\":\"bench\",\"baseVersion\":1}")
					.json()
					.get("id")
					.asLong();
				long sent = System.nanoTime();
				int applied = approver.post("/api/v1/change-requests/" + id + "/approve", null)
					.json()
					.get("appliedVersion")
					.asInt();
				waitForVersion(client, hub.hub(), applied);
				latencies.add((System.nanoTime() - sent) / 1e6);
			}
		}

		long viewsBefore = scale.requests();
		for (HubRef hub : refs) {
			requester.get("/api/v1/hubs/" + hub + "/internet-access/effective");
		}
		long viewRequests = scale.requests() - viewsBefore;

		List<Double> sorted = new ArrayList<>(latencies);
		sorted.sort(null);
		System.out.println();
		System.out.printf("%-52s %14s %s%n", "figure (" + count + " hubs x 3 objects)", "measured", "target");
		System.out.printf("%-52s %11.0f ms %s%n", "full resync, nothing to change", resyncMillis, "(report)");
		System.out.printf("%-52s %14d %s%n", "API requests made by that resync", resyncRequests, "0");
		System.out.printf("%-52s %11.1f ms %s%n", "approve -> applied p50 (100 approvals)",
				ReconcilerBenchmark.percentile(sorted, 50), "(report)");
		System.out.printf("%-52s %11.1f ms %s%n", "approve -> applied p99", ReconcilerBenchmark.percentile(sorted, 99),
				"(report)");
		System.out.printf("%-52s %14d %s%n", "API requests made by " + count + " effective-access views", viewRequests,
				"0");
	}

	private static void waitForVersion(KubernetesClient client, String namespace, int version) throws Exception {
		waitUntil(() -> {
			NetworkPolicy policy = client.network()
				.v1()
				.networkPolicies()
				.inNamespace(namespace)
				.withName("hubguard-egress")
				.get();
			return policy != null && String.valueOf(version)
				.equals(policy.getMetadata().getAnnotations().get("hubguard.dev/desired-version"));
		}, 30);
	}

	private static void waitUntil(java.util.function.BooleanSupplier condition, int seconds) throws Exception {
		long deadline = System.nanoTime() + seconds * 1_000_000_000L;
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("not within " + seconds + " s");
			}
			Thread.sleep(5);
		}
	}

	private ClusterScaleBenchmark() {
	}

}
