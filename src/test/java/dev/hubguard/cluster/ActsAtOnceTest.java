package dev.hubguard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.Eventually;
import dev.hubguard.support.PortalTest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import dev.hubguard.support.TestConfigMaps;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What people decide shows at once: an approved internet-access change in the explainer's
 * verdict, and a catalogue file's change as a retired hub and, restored, as its owned
 * objects back in the cluster. Each is timed from the moment it happened; CI takes a few
 * samples and checks each within the bound, {@code bench/drift.sh} takes
 * {@code -Datonce.samples=N} and prints p50/p99 beside the targets.
 */
@PortalTest
class ActsAtOnceTest {

	static final String SPYGLASS = "/api/v1/hubs/hhmi/spyglass/internet-access";

	static final HubRef BINDER = new HubRef("hhmi", "binder");

	static final Duration BOUND = Duration.ofSeconds(2);

	static final int SAMPLES = Integer.getInteger("atonce.samples", 3);

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	Reconciler reconciler;

	@Autowired
	HubCatalogue catalogue;

	@Autowired
	TestConfigMaps configMaps;

	String demo;

	@AfterEach
	void restoreCatalogue() throws Exception {
		if (demo != null) {
			CatalogueChangeActsAtOnceTest.write(demo);
			catalogue.importYaml(demo, "test restore", true);
		}
	}

	@Test
	void anApprovedChangeShowsInTheExplainerAtOnce() {
		Api bo = Api.as(port, accounts, tokens, Api.github("bo-hhmi"));
		Api staff = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		List<Double> millis = new ArrayList<>();
		for (int i = 0; i < SAMPLES; i++) {
			boolean open = i % 2 == 0;
			String expected = open ? "reachable" : "blocked";
			int base = version(bo);
			String json = open
					? """
							{"mode":"ALLOWLIST","rules":[{"cidr":"203.0.113.0/24","protocol":"TCP","port":443,"reason":"survey data"}],
							 "justification":"survey","baseVersion":%d}"""
						.formatted(base)
					: """
							{"mode":"BLOCKED","justification":"closed for the audit","baseVersion":%d}"""
						.formatted(base);
			// A reduction of access applies without approval; a widening waits for staff.
			long approved = System.nanoTime();
			var filed = bo.put(SPYGLASS, json).json();
			if ("pending".equals(filed.path("state").asString())) {
				approved = System.nanoTime();
				var answer = staff.post("/api/v1/change-requests/" + filed.get("id").asLong() + "/approve", null);
				assertThat(answer.status()).as(answer.body()).isLessThan(300);
			}
			millis.add(until(() -> bo.get(SPYGLASS + "/effective?destination=203.0.113.9&port=443&protocol=TCP")
				.json()
				.get("verdict")
				.asString()
				.equals(expected), approved, "the explainer says " + expected));
		}
		report("approval -> explainer shows the new verdict", millis, "p99 <= 200 ms");
	}

	@Test
	void aCatalogueFileChangeRetiresAndRestoresAHubAtOnce() throws Exception {
		demo = Files.readString(CatalogueChangeActsAtOnceTest.FILE);
		String without = demo.replaceAll("(?s)      - name: binder\\n.*?(?=  - name: )", "");
		assertThat(without).isNotEqualTo(demo);
		configMaps.desire(BINDER, "binder", "hubguard-test-at-once", java.util.Map.of("k", "v"));
		until(() -> owned() != null, System.nanoTime(), "binder's ConfigMap applied");
		List<Double> retired = new ArrayList<>();
		List<Double> restored = new ArrayList<>();
		for (int i = 0; i < SAMPLES; i++) {
			long written = System.nanoTime();
			CatalogueChangeActsAtOnceTest.write(without);
			retired.add(until(() -> reconciler.retiring().stream().anyMatch(hub -> hub.hub().equals(BINDER)), written,
					"binder retiring"));
			// The grace period over: its objects are pruned.
			reconciler.pruneRetired(Instant.now().plus(Duration.ofDays(2)));
			assertThat(owned()).isNull();

			written = System.nanoTime();
			CatalogueChangeActsAtOnceTest.write(demo);
			restored.add(until(() -> owned() != null, written, "binder's ConfigMap back"));
		}
		report("catalogue file changed -> hub retired", retired, "<= 2 s");
		report("catalogue file changed -> restored hub's object back", restored, "<= 2 s");
	}

	static int version(Api api) {
		var desired = api.get(SPYGLASS).json().get("desired");
		return desired == null || desired.isNull() ? 0 : desired.get("version").asInt();
	}

	static ConfigMap owned() {
		try (KubernetesClient client = DemoRuntime.current().orElseThrow().cluster("hhmi").client()) {
			return client.configMaps().inNamespace("binder").withName("hubguard-test-at-once").get();
		}
	}

	/**
	 * Polls every 2 ms until {@code done}, failing after the bound counted from
	 * {@code since}; the milliseconds since {@code since}.
	 */
	static double until(BooleanSupplier done, long since, String what) {
		Eventually.within(BOUND.minusNanos(System.nanoTime() - since), Duration.ofMillis(2), what, done);
		return (System.nanoTime() - since) / 1e6;
	}

	static void report(String figure, List<Double> millis, String target) {
		System.out.printf("ActsAtOnceTest: %-52s p50 %6.1f ms  p99 %6.1f ms  (%d; target %s)%n", figure,
				DriftRandomTest.percentile(millis, 50), DriftRandomTest.percentile(millis, 99), millis.size(), target);
	}

}
