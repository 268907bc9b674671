package dev.hubguard.bench;

import dev.hubguard.HubguardApplication;
import dev.hubguard.cluster.ClusterCache;
import dev.hubguard.cluster.ClusterCaches;
import dev.hubguard.cluster.CacheState;
import dev.hubguard.demo.DemoPreload;
import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.demo.InMemoryCluster;
import dev.hubguard.demo.Z2jhObjects;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.isolation.IsolationChecks;
import dev.hubguard.isolation.IsolationReport;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Seeds 100 extra hubs with 1,000 user pods each into the demo's {@code cloudbank}
 * in-memory cluster (before the portal starts, see {@link DemoPreload}), then prints how
 * long computing every hub's isolation report takes from the caches and how many API
 * requests that made. Run with {@code bench/isolation.sh [hubs] [pods per hub]}.
 */
public final class IsolationBenchmark {

	public static void main(String[] args) throws Exception {
		int hubs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
		int pods = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
		try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres",
				null)) {
			admin.createStatement().execute("drop database if exists hubguard_bench_isolation with (force)");
			admin.createStatement().execute("create database hubguard_bench_isolation");
		}
		Path dir = Path.of("target/demo-bench-isolation");
		String db = "jdbc:postgresql://127.0.0.1:5432/hubguard_bench_isolation";
		long seedStart = System.nanoTime();
		DemoRuntime demo = DemoPreload.start(dir, db);
		seed(demo.cluster("cloudbank"), dir, hubs, pods);
		System.out.printf("seeded %d hubs x %d user pods in %.1f s%n", hubs, pods,
				(System.nanoTime() - seedStart) / 1e9);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(HubguardApplication.class).run(
				"--hubguard.demo.mode=true", "--hubguard.demo.dir=" + dir, "--server.port=0",
				"--spring.datasource.url=" + db, "--spring.datasource.username=postgres", "--logging.level.root=warn",
				"--logging.structured.format.console=", "--hubguard.isolation.snapshot-interval=1h",
				// Background readers (cryptnono's logs) would add requests unrelated to
				// the reports.
				"--hubguard.cryptnono.poll-interval=1h", "--hubguard.abuse.pod-scan-interval=1h");
		int status = 0;
		try {
			run(context, hubs, pods);
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

	/** Namespaces and policies over HTTP; the pods straight into the store. */
	private static void seed(InMemoryCluster cluster, Path dir, int hubs, int pods) throws Exception {
		StringBuilder catalogue = new StringBuilder();
		List<HasMetadata> objects = new ArrayList<>();
		for (int h = 0; h < hubs; h++) {
			String ns = "bench-" + h;
			objects.add(Z2jhObjects.namespace(ns));
			objects.add(Z2jhObjects.singleuserPolicy(ns, false));
			for (int p = 0; p < pods; p++) {
				objects.add(pod(ns, "user" + p, p));
			}
			catalogue.append("""
					      - name: %s
					        namespace: %s
					        helmRelease: %s
					        url: https://%s.hubs.example
					        auth: github
					        admins:
					          users: ["bench-admin"]
					""".formatted(ns, ns, ns, ns));
		}
		DemoPreload.preload(cluster, objects);
		Path file = dir.resolve("clusters.yaml");
		Files.writeString(file, Files.readString(file) + catalogue);
	}

	private static void run(ConfigurableApplicationContext context, int hubs, int pods) throws Exception {
		System.out.println("portal started");
		ClusterCache cache = context.getBean(ClusterCaches.class).forCluster("cloudbank").orElseThrow();
		long wanted = (long) hubs * pods;
		long deadline = System.nanoTime() + 600_000_000_000L;
		while (cache.userPods().size() < wanted || cache.state().status() != CacheState.Status.SYNCED) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"the cache holds " + cache.userPods().size() + " user pods, state " + cache.state().status());
			}
			Thread.sleep(200);
		}
		System.out.printf("the cloudbank cache holds %d user pods; the catalogue %d hubs%n", cache.userPods().size(),
				context.getBean(HubCatalogue.class).hubs().size());
		settle();
		IsolationChecks checks = context.getBean(IsolationChecks.class);
		long requestsBefore = requests();
		long first = System.nanoTime();
		checks.reports();
		System.out.printf("first computation of every report (each pod checked, no verdict remembered yet): %.0f ms%n",
				(System.nanoTime() - first) / 1e6);
		List<Double> millis = new ArrayList<>();
		List<IsolationReport> reports = List.of();
		for (int run = 0; run < 21; run++) {
			long start = System.nanoTime();
			reports = checks.reports();
			millis.add((System.nanoTime() - start) / 1e6);
		}
		long requestsAfter = requests();
		Collections.sort(millis);
		long checked = reports.stream().mapToLong(r -> r.users().size()).sum();
		System.out.printf(
				"every report (%d hubs, %d user pods, %d checks each): median %.0f ms (target < 1,000 ms), best %.0f ms, worst %.0f ms over 21 runs%n",
				reports.size(), checked, reports.get(0).findings().size(), millis.get(10), millis.get(0),
				millis.get(20));
		System.out.printf("API requests while computing them: %d (target 0)%n", requestsAfter - requestsBefore);
	}

	/**
	 * Waits until this process (portal and in-memory API server) is nearly idle: the
	 * informers have decoded and reduced the initial lists and the watches are open. A
	 * real API server runs elsewhere; its work is not the reports'.
	 */
	private static void settle() throws InterruptedException {
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean();
		long start = System.nanoTime();
		while (System.nanoTime() - start < 180_000_000_000L) {
			long cpu = os.getProcessCpuTime();
			long wall = System.nanoTime();
			Thread.sleep(2000);
			double load = (os.getProcessCpuTime() - cpu) / (double) (System.nanoTime() - wall);
			if (load < 0.2) {
				System.out.printf("process settled after %.0f s (%.0f %% of a core over the last 2 s)%n",
						(System.nanoTime() - start) / 1e9, load * 100);
				return;
			}
		}
		System.out.println("the process did not settle within 180 s: figures below include its background work");
	}

	private static long requests() {
		return DemoRuntime.current()
			.orElseThrow()
			.clusters()
			.values()
			.stream()
			.mapToLong(InMemoryCluster::requests)
			.sum();
	}

	private static Pod pod(String ns, String user, int index) {
		return new PodBuilder(Z2jhObjects.userPod(ns, user)).editSpec()
			.withNodeName("cloudbank-user-pool-" + (index % 20))
			.withAutomountServiceAccountToken(false)
			.endSpec()
			.build();
	}

}
