package dev.hubguard.cluster;

import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.demo.InMemoryCluster;
import dev.hubguard.hub.HubRef;
import dev.hubguard.support.Eventually;
import dev.hubguard.support.PortalTest;
import dev.hubguard.support.TestConfigMaps;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A watch is cut for a moment (an API server restart, the client's own watch timeout) and
 * resumes from its last resource version. What changed in the gap reaches the cache as a
 * real API server delivers it: an owned object edited out of the watch's label selection,
 * or deleted, while no watch was open is still seen and put back (the in-memory API
 * server answers such a resume 410 Gone, so the store lists again).
 */
@PortalTest
class WatchResumeTest {

	static final Duration SOON = Duration.ofSeconds(10);

	@Autowired
	TestConfigMaps configMaps;

	@Autowired
	Reconciler reconciler;

	static InMemoryCluster cloudbank() {
		return DemoRuntime.current().orElseThrow().cluster("cloudbank");
	}

	static ConfigMap live(String namespace, String name) {
		try (KubernetesClient client = cloudbank().client()) {
			return client.configMaps().inNamespace(namespace).withName(name).get();
		}
	}

	@AfterEach
	void watchesBack() {
		cloudbank().dropWatches(false);
	}

	boolean inSync(HubRef hub, String name) {
		return reconciler.status(hub)
			.stream()
			.anyMatch(status -> status.object().endsWith("/ConfigMap/" + hub.hub() + "/" + name)
					&& status.state() == ReconcileState.IN_SYNC && !status.pendingApply());
	}

	@Test
	void anOwnedObjectDeletedWhileTheWatchWasCutIsCreatedAgain() throws Exception {
		HubRef hub = new HubRef("cloudbank", "bcc");
		configMaps.desire(hub, "bcc", "hubguard-test-resume-gone", Map.of("colour", "green"));
		Eventually.within(SOON, "applied and in sync",
				() -> live("bcc", "hubguard-test-resume-gone") != null && inSync(hub, "hubguard-test-resume-gone"));

		cloudbank().dropWatches(true);
		try (KubernetesClient client = cloudbank().client()) {
			client.configMaps().inNamespace("bcc").withName("hubguard-test-resume-gone").delete();
		}
		Thread.sleep(300);
		cloudbank().dropWatches(false);

		Eventually.within(SOON, "created again", () -> live("bcc", "hubguard-test-resume-gone") != null);
	}

	@Test
	void anOwnedObjectRelabelledOutOfTheWatchWhileItWasCutIsPutBack() throws Exception {
		HubRef hub = new HubRef("cloudbank", "bcc");
		configMaps.desire(hub, "bcc", "hubguard-test-resume-label", Map.of("colour", "green"));
		Eventually.within(SOON, "applied and in sync",
				() -> live("bcc", "hubguard-test-resume-label") != null && inSync(hub, "hubguard-test-resume-label"));

		cloudbank().dropWatches(true);
		try (KubernetesClient client = cloudbank().client()) {
			client.configMaps()
				.inNamespace("bcc")
				.withName("hubguard-test-resume-label")
				.edit(map -> new io.fabric8.kubernetes.api.model.ConfigMapBuilder(map).editMetadata()
					.addToLabels(Ownership.MANAGED_BY, "someone-else")
					.endMetadata()
					.build());
		}
		Thread.sleep(300);
		cloudbank().dropWatches(false);

		Eventually.within(SOON, "our label put back", () -> Ownership.FIELD_MANAGER
			.equals(live("bcc", "hubguard-test-resume-label").getMetadata().getLabels().get(Ownership.MANAGED_BY)));
	}

}
