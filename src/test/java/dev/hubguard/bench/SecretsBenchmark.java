package dev.hubguard.bench;

import dev.hubguard.HubguardApplication;
import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Sets 1,000 secrets across 100 hubs (25 on each demo cluster) through the API and prints
 * set-to-present-in-cluster latency (p50/p99), then restarts with a second KEK as the
 * primary, as a rolling deploy would, and times re-wrapping all of them. Run with
 * {@code bench/secrets.sh}.
 */
public final class SecretsBenchmark {

	static final String DB = "hubguard_bench_secrets";

	public static void main(String[] args) throws Exception {
		int secrets = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
		recreateDatabase();
		String old = "old:" + key();
		String next = "next:" + key();
		int status = 0;
		try (ConfigurableApplicationContext first = start(old, "old")) {
			set(first, secrets);
		}
		catch (Exception ex) {
			ex.printStackTrace();
			status = 1;
		}
		if (status == 0) {
			try (ConfigurableApplicationContext second = start(old + "," + next, "next")) {
				int port = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
				Api staff = Api.as(port, second.getBean(Accounts.class), second.getBean(ApiTokens.class),
						Api.cilogon("sam@hubguard.example", null));
				long sent = System.nanoTime();
				Api.Response report = staff.post("/api/v1/staff/secrets/rewrap", null);
				System.out.printf("re-wrap under a new KEK: %s (request %.0f ms)%n", report.body(),
						(System.nanoTime() - sent) / 1e6);
			}
			catch (Exception ex) {
				ex.printStackTrace();
				status = 1;
			}
		}
		System.exit(status);
	}

	private static ConfigurableApplicationContext start(String keks, String primary) {
		return new SpringApplicationBuilder(HubguardApplication.class).run("--hubguard.demo.mode=true",
				"--hubguard.demo.dir=target/demo-bench-secrets", "--server.port=0",
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + DB,
				"--spring.datasource.username=postgres", "--logging.level.root=warn",
				"--logging.structured.format.console=", "--hubguard.catalogue.reload-interval=1h",
				"--hubguard.secrets.keks=" + keks, "--hubguard.secrets.kek-primary=" + primary);
	}

	private static void set(ConfigurableApplicationContext context, int secrets) throws Exception {
		int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
		Map<String, KubernetesClient> clients = new HashMap<>();
		DemoRuntime.current().orElseThrow().clusters().forEach((name, cluster) -> clients.put(name, cluster.client()));
		StringBuilder yaml = new StringBuilder("clusters:\n");
		List<String[]> hubs = new ArrayList<>();
		for (String cluster : List.of("2i2c", "hhmi", "nasa-cryo", "cloudbank")) {
			yaml.append("  - name: ").append(cluster).append("\n    provider: gcp\n    kubeContext: ").append(cluster);
			yaml.append("\n    hubs:\n");
			for (int i = 0; i < 25; i++) {
				String hub = "bench-" + i;
				yaml.append("      - name: ").append(hub).append("\n        admins:\n          users: [\"x\"]\n");
				hubs.add(new String[] { cluster, hub });
				clients.get(cluster)
					.namespaces()
					.resource(new NamespaceBuilder().withNewMetadata().withName(hub).endMetadata().build())
					.createOr(existing -> existing.update());
			}
		}
		context.getBean(dev.hubguard.hub.HubCatalogue.class).importYaml(yaml.toString(), "bench", true);
		Api staff = Api.as(port, context.getBean(Accounts.class), context.getBean(ApiTokens.class),
				Api.cilogon("sam@hubguard.example", null));
		List<Double> latencies = new ArrayList<>();
		long started = System.nanoTime();
		for (int i = 0; i < secrets; i++) {
			String[] hub = hubs.get(i % hubs.size());
			String name = "BENCH_" + i;
			String value = "value-" + i + "-" + key();
			long sent = System.nanoTime();
			Api.Response answer = staff.put("/api/v1/hubs/" + hub[0] + "/" + hub[1] + "/secrets/" + name,
					"{\"value\":\"" + value + "\",\"delivery\":\"ENV\"}");
			if (answer.status() != 201) {
				throw new IllegalStateException(answer.status() + " " + answer.body());
			}
			waitFor(clients.get(hub[0]), hub[1], name);
			latencies.add((System.nanoTime() - sent) / 1e6);
		}
		report("set-to-present-in-cluster", latencies);
		System.out.printf("  %d secrets across %d hubs in %.1f s%n", secrets, hubs.size(),
				(System.nanoTime() - started) / 1e9);
		clients.values().forEach(KubernetesClient::close);
	}

	private static void waitFor(KubernetesClient client, String namespace, String key) throws InterruptedException {
		long deadline = System.nanoTime() + 30_000_000_000L;
		while (System.nanoTime() < deadline) {
			Secret secret = client.secrets().inNamespace(namespace).withName("hubguard-user-env").get();
			if (secret != null && secret.getData() != null && secret.getData().containsKey(key)) {
				return;
			}
			Thread.sleep(2);
		}
		throw new IllegalStateException(key + " not in " + namespace + " within 30 s");
	}

	private static String key() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	private static void report(String what, List<Double> millis) {
		List<Double> sorted = new ArrayList<>(millis);
		Collections.sort(sorted);
		System.out.printf("%s: n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%n", what, sorted.size(),
				sorted.get((int) Math.ceil(0.5 * sorted.size()) - 1),
				sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1), sorted.get(sorted.size() - 1));
	}

	private static void recreateDatabase() throws Exception {
		try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres",
				null)) {
			admin.createStatement().execute("drop database if exists " + DB + " with (force)");
			admin.createStatement().execute("create database " + DB);
		}
	}

}
