package dev.hubguard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.demo.InMemoryCluster;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import dev.hubguard.support.SignInClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import dev.hubguard.support.Eventually;
import dev.hubguard.support.PortalTest;
import dev.hubguard.support.TestConfigMaps;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The cluster layer works for any kind: a ConfigMap-rendering feature (test-only) is
 * applied, repaired on drift, left alone when others add to it, and pruned when no longer
 * desired or when its hub left the catalogue, over HTTP against the in-memory API server.
 */
@PortalTest
class GenericReconcilerTest {

	static final Duration SOON = Duration.ofSeconds(10);

	@Autowired
	TestConfigMaps configMaps;

	@Autowired
	Reconciler reconciler;

	@Autowired
	HubCatalogue catalogue;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ClusterProperties clusterProperties;

	@LocalServerPort
	int port;

	@Autowired
	org.springframework.context.ApplicationEventPublisher events;

	@Autowired
	org.springframework.transaction.support.TransactionTemplate transactions;

	static InMemoryCluster cloudbank() {
		return DemoRuntime.current().orElseThrow().cluster("cloudbank");
	}

	static ConfigMap live(String namespace, String name) {
		try (KubernetesClient client = cloudbank().client()) {
			return client.configMaps().inNamespace(namespace).withName(name).get();
		}
	}

	int audited(String action, String detail) {
		return jdbc.sql("select count(*) from audit_log where action = :action and summary like :detail")
			.param("action", action)
			.param("detail", "%" + detail + "%")
			.query(Integer.class)
			.single();
	}

	@AfterEach
	void restoreCatalogue() throws Exception {
		catalogue.importYaml(Files.readString(Path.of("target/demo-test/clusters.yaml")), "test restore", true);
	}

	@Test
	void aConfigMapIsAppliedWithOwnershipLabelsAndAFieldEditIsRepaired() {
		HubRef hub = new HubRef("cloudbank", "avc");
		configMaps.desire(hub, "avc", "hubguard-test-drift", Map.of("colour", "blue"));
		Eventually.within(SOON, "the ConfigMap applied", () -> live("avc", "hubguard-test-drift") != null);
		ConfigMap applied = live("avc", "hubguard-test-drift");
		assertThat(applied.getMetadata().getLabels()).containsEntry(Ownership.MANAGED_BY, "hubguard")
			.containsEntry(Ownership.INSTANCE, "default")
			.containsEntry(Ownership.HUB, "avc");
		int drifts = audited("cluster.drift-repaired", "avc/hubguard-test-drift");

		try (KubernetesClient client = cloudbank().client()) {
			client.configMaps()
				.inNamespace("avc")
				.withName("hubguard-test-drift")
				.edit(map -> new ConfigMapBuilder(map).addToData("colour", "red").build());
		}

		Eventually.within(SOON, "the edited field put back",
				() -> "blue".equals(live("avc", "hubguard-test-drift").getData().get("colour")));
		Eventually.within(SOON, "the repair audited",
				() -> audited("cluster.drift-repaired", "avc/hubguard-test-drift") == drifts + 1);
	}

	@Test
	void anObjectChangedBackAfterEveryRepairIsAFightAuditedOnceAndRepairsBackOff() {
		HubRef hub = new HubRef("cloudbank", "ucla");
		configMaps.desire(hub, "ucla", "hubguard-test-fight", Map.of("colour", "blue"));
		Eventually.within(SOON, "the ConfigMap applied", () -> live("ucla", "hubguard-test-fight") != null);
		Eventually.within(SOON, "in sync",
				() -> reconciler.status(hub)
					.stream()
					.anyMatch(status -> status.object().endsWith("/hubguard-test-fight")
							&& status.state() == ReconcileState.IN_SYNC));

		for (int round = 0; round < 6; round++) {
			String colour = "red" + round;
			try (KubernetesClient client = cloudbank().client()) {
				client.configMaps()
					.inNamespace("ucla")
					.withName("hubguard-test-fight")
					.edit(map -> new ConfigMapBuilder(map).addToData("colour", colour).build());
			}
			if (round < 5) {
				Eventually.within(SOON, "repair " + round,
						() -> "blue".equals(live("ucla", "hubguard-test-fight").getData().get("colour")));
			}
		}

		Eventually.within(SOON, "the fight shown as an error",
				() -> reconciler.status(hub)
					.stream()
					.anyMatch(status -> status.object().endsWith("/hubguard-test-fight")
							&& status.state() == ReconcileState.ERROR
							&& "another controller changes data.colour".equals(status.lastError())));
		ReconcileStatus fight = reconciler.status(hub)
			.stream()
			.filter(status -> status.object().endsWith("/hubguard-test-fight"))
			.findFirst()
			.orElseThrow();
		assertThat(fight.nextAttemptAt()).isAfter(fight.lastAttemptAt());
		assertThat(audited("cluster.fight", "ucla/hubguard-test-fight")).isEqualTo(1);
		assertThat(audited("cluster.drift-repaired", "ucla/hubguard-test-fight")).isEqualTo(5);
		Eventually.within(SOON, "repaired after the backoff",
				() -> "blue".equals(live("ucla", "hubguard-test-fight").getData().get("colour")));
		assertThat(audited("cluster.fight", "ucla/hubguard-test-fight")).isEqualTo(1);
		configMaps.forget(hub, "hubguard-test-fight");
	}

	@Test
	void whatAnotherManagerAddsIsNotDriftAndNoApplyIsIssued() throws Exception {
		HubRef hub = new HubRef("cloudbank", "bcc");
		configMaps.desire(hub, "bcc", "hubguard-test-others", Map.of("k", "v"));
		Eventually.within(SOON, "the ConfigMap applied", () -> live("bcc", "hubguard-test-others") != null);
		// Edit a settled object: every apply done and seen by the watch.
		Eventually.within(SOON, "the ConfigMap in sync",
				() -> reconciler.status(hub).stream().allMatch(status -> status.state() == ReconcileState.IN_SYNC));
		reconciler.reconcile(hub);
		int appliedBefore = audited("cluster.applied", "bcc/hubguard-test-others");

		try (KubernetesClient client = cloudbank().client()) {
			client.configMaps()
				.inNamespace("bcc")
				.withName("hubguard-test-others")
				.edit(map -> new ConfigMapBuilder(map).editMetadata()
					.addToLabels("team.example/owner", "someone")
					.addToAnnotations("note.example/why", "added by hand")
					.endMetadata()
					.build());
		}
		long requestsBefore = cloudbank().requests(request -> request.startsWith("PATCH"));
		for (int pass = 0; pass < 5; pass++) {
			reconciler.reconcile(hub);
		}

		// The in-memory API server's apply replaces the whole object: had Hubguard
		// applied, the label would be gone.
		assertThat(live("bcc", "hubguard-test-others").getMetadata().getLabels()).containsEntry("team.example/owner",
				"someone");
		assertThat(cloudbank().requests(request -> request.startsWith("PATCH"))).isEqualTo(requestsBefore);
		assertThat(audited("cluster.applied", "bcc/hubguard-test-others")).isEqualTo(appliedBefore);
		assertThat(audited("cluster.drift-detected", "bcc/hubguard-test-others")).isZero();
	}

	@Test
	void aQuietClusterShowsNoDriftAcrossRepeatedResyncs() {
		HubRef hub = new HubRef("cloudbank", "ccsf");
		configMaps.desire(hub, "ccsf", "hubguard-test-quiet", Map.of("a", "1", "b", "2"));
		Eventually.within(SOON, "the ConfigMap applied", () -> live("ccsf", "hubguard-test-quiet") != null);
		int driftRows = jdbc.sql("select count(*) from audit_log where action like 'cluster.drift%'")
			.query(Integer.class)
			.single();
		long writes = cloudbank().requests(request -> !request.startsWith("GET"));

		for (int resync = 0; resync < 5; resync++) {
			catalogue.hubs().forEach(each -> reconciler.reconcile(each.ref()));
		}

		assertThat(jdbc.sql("select count(*) from audit_log where action like 'cluster.drift%'")
			.query(Integer.class)
			.single()).isEqualTo(driftRows);
		assertThat(cloudbank().requests(request -> !request.startsWith("GET"))).isEqualTo(writes);
	}

	@Test
	void anObjectNoLongerDesiredIsPrunedButOthersObjectsAreNeverTouched() {
		HubRef hub = new HubRef("cloudbank", "csm");
		configMaps.desire(hub, "csm", "hubguard-test-prune", Map.of("k", "v"));
		Eventually.within(SOON, "the ConfigMap applied", () -> live("csm", "hubguard-test-prune") != null);
		try (KubernetesClient client = cloudbank().client()) {
			client.configMaps()
				.resource(new ConfigMapBuilder().withNewMetadata()
					.withName("other-instance")
					.withNamespace("csm")
					.addToLabels(Ownership.MANAGED_BY, "hubguard")
					.addToLabels(Ownership.INSTANCE, "staging")
					.endMetadata()
					.addToData("k", "v")
					.build())
				.create();
			client.configMaps()
				.resource(new ConfigMapBuilder().withNewMetadata()
					.withName("not-ours")
					.withNamespace("csm")
					.endMetadata()
					.addToData("k", "v")
					.build())
				.create();
		}

		configMaps.forget(hub, "hubguard-test-prune");

		Eventually.within(SOON, "the undesired ConfigMap deleted", () -> live("csm", "hubguard-test-prune") == null);
		Eventually.within(SOON, "the deletion audited",
				() -> audited("cluster.pruned", "csm/hubguard-test-prune") == 1);
		for (int pass = 0; pass < 3; pass++) {
			reconciler.reconcile(hub);
		}
		assertThat(live("csm", "other-instance")).as("another installation's object").isNotNull();
		assertThat(live("csm", "not-ours")).as("an object without Hubguard's labels").isNotNull();
	}

	@Test
	void aRetiredHubKeepsItsObjectsDuringTheGracePeriodAndLosesThemAfter() throws Exception {
		assertThat(clusterProperties.pruneGrace()).isEqualTo(Duration.ofHours(24));
		HubRef hub = new HubRef("cloudbank", "csulb");
		configMaps.desire(hub, "csulb", "hubguard-test-retire", Map.of("k", "v"));
		Eventually.within(SOON, "the ConfigMap applied", () -> live("csulb", "hubguard-test-retire") != null);
		String demo = Files.readString(Path.of("target/demo-test/clusters.yaml"));
		String withoutHub = demo.replaceAll("(?s)      - name: csulb\\n.*?(?=      - name: )", "");
		assertThat(withoutHub).isNotEqualTo(demo);

		catalogue.importYaml(withoutHub, "test");
		Instant retiredAt = catalogue.retired()
			.stream()
			.filter(r -> r.ref().equals(hub))
			.findFirst()
			.orElseThrow()
			.retiredAt();
		reconciler.pruneRetired(retiredAt.plus(Duration.ofHours(23)));
		assertThat(live("csulb", "hubguard-test-retire")).as("within the 24 h grace period").isNotNull();
		assertThat(reconciler.retiring()).extracting(Reconciler.Retiring::hub).contains(hub);
		SignInClient sam = new SignInClient(port);
		sam.signIn("cilogon", "staff");
		assertThat(sam.get("/").body()).contains("Hubs that left the catalogue").contains("cloudbank/csulb");
		assertThat(sam.get("/hubs/cloudbank/csulb").body()).contains("This hub left the catalogue");

		catalogue.importYaml(demo, "test");
		reconciler.pruneRetired(retiredAt.plus(Duration.ofHours(25)));
		assertThat(live("csulb", "hubguard-test-retire")).as("the hub came back").isNotNull();

		catalogue.importYaml(withoutHub, "test");
		// Nothing is pruned while the ConfigMap store is not synced and watching (it may
		// be listing again after its watch resumed): the next look prunes it.
		Eventually.within(SOON, "pruned after the grace period", () -> {
			reconciler.pruneRetired(Instant.now().plus(Duration.ofHours(25)));
			return live("csulb", "hubguard-test-retire") == null;
		});
		assertThat(audited("cluster.pruned", "csulb/hubguard-test-retire")).isEqualTo(1);
	}

	@Test
	void anApprovedHubIsAppliedWhileThePeriodicPassIsBusyWithAnotherHub() throws Exception {
		HubRef slow = new HubRef("cloudbank", "avc");
		HubRef approved = new HubRef("cloudbank", "ucla");
		java.util.concurrent.CountDownLatch rendering = configMaps.hold(slow,
				new java.util.concurrent.CountDownLatch(1));
		try {
			configMaps.desire(slow, "avc", "hubguard-test-slow", Map.of("k", "v"));
			assertThat(rendering.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			configMaps.desire(approved, "ucla", "hubguard-test-approved", Map.of("k", "v"));
			transactions.executeWithoutResult(tx -> events.publishEvent(new DesiredStateChanged(approved, "test", 1)));
			Eventually.within(SOON, "the approved hub's ConfigMap applied while the pass waits on another hub",
					() -> live("ucla", "hubguard-test-approved") != null);
		}
		finally {
			configMaps.release(slow);
			configMaps.forget(slow, "hubguard-test-slow");
			configMaps.forget(approved, "hubguard-test-approved");
		}
		Eventually.within(SOON, "both pruned",
				() -> live("ucla", "hubguard-test-approved") == null && live("avc", "hubguard-test-slow") == null);
	}

}
