package dev.hubguard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import dev.hubguard.support.Eventually;
import dev.hubguard.support.PortalTest;
import dev.hubguard.support.TestConfigMaps;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A change of the catalogue file is imported at once (file-system events, not the poll),
 * and a hub that comes back has its objects restored at once, not at the next resync.
 */
@PortalTest
class CatalogueChangeActsAtOnceTest {

	static final Path FILE = Path.of("target/demo-test/clusters.yaml");

	static final Duration AT_ONCE = Duration.ofSeconds(2);

	static final HubRef MILLS = new HubRef("cloudbank", "mills");

	@Autowired
	TestConfigMaps configMaps;

	@Autowired
	Reconciler reconciler;

	@Autowired
	HubCatalogue catalogue;

	String demo;

	static ConfigMap live() {
		try (KubernetesClient client = DemoRuntime.current().orElseThrow().cluster("cloudbank").client()) {
			return client.configMaps().inNamespace("mills").withName("hubguard-test-catalogue").get();
		}
	}

	String withoutMills() throws Exception {
		demo = Files.readString(FILE);
		String without = demo.replaceAll("(?s)      - name: mills\\n.*?(?=      - name: )", "");
		assertThat(without).isNotEqualTo(demo);
		return without;
	}

	/** Replaces the file as a ConfigMap mount or an editor would: a new file moved in. */
	static void write(String yaml) throws Exception {
		Path next = FILE.resolveSibling("clusters.yaml.next");
		Files.writeString(next, yaml);
		Files.move(next, FILE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	@AfterEach
	void restore() throws Exception {
		if (demo != null) {
			write(demo);
			catalogue.importYaml(demo, "test restore", true);
		}
	}

	@Test
	void aHubRemovedFromTheFileIsRetiredAndOneRestoredGetsItsObjectsBackAtOnce() throws Exception {
		configMaps.desire(MILLS, "mills", "hubguard-test-catalogue", Map.of("k", "v"));
		Eventually.within(Duration.ofSeconds(10), "the ConfigMap applied", () -> live() != null);
		String without = withoutMills();

		write(without);
		Eventually.within(AT_ONCE, "the file's change imported: the hub retiring",
				() -> reconciler.retiring().stream().anyMatch(hub -> hub.hub().equals(MILLS)));

		// The grace period over: its objects are pruned.
		reconciler.pruneRetired(Instant.now().plus(Duration.ofDays(2)));
		assertThat(live()).isNull();

		write(demo);
		Eventually.within(AT_ONCE, "the restored hub's ConfigMap back", () -> live() != null);
	}

	@Test
	void anImportThatRestoresAHubReconcilesItAtOnce() throws Exception {
		configMaps.desire(MILLS, "mills", "hubguard-test-catalogue", Map.of("k", "v"));
		Eventually.within(Duration.ofSeconds(10), "the ConfigMap applied", () -> live() != null);
		catalogue.importYaml(withoutMills(), "test");
		reconciler.pruneRetired(Instant.now().plus(Duration.ofDays(2)));
		assertThat(live()).isNull();

		catalogue.importYaml(demo, "test");

		Eventually.within(AT_ONCE, "the restored hub's ConfigMap back", () -> live() != null);
	}

}
