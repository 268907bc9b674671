package dev.hubguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes, rendered with {@code kubectl kustomize} and stored by an API server:
 * the base and the example overlay a provider copies.
 */
class KubernetesManifestsTest {

	/** Names whose values are secret: they must come from a Secret. */
	private static final Pattern SECRET_NAME = Pattern.compile("SECRET|PASSWORD|TOKEN|^HUBGUARD_KEKS$");

	@Test
	void baseRunsTwoReplicasThatRestartWhenLivenessFailsAndTakeTrafficOnlyWhenReady() {
		Deployment deployment = Manifests.base().one(Deployment.class);
		Container portal = portal(deployment);

		assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
		assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
		assertThat(path(portal.getLivenessProbe())).isEqualTo("/actuator/health/liveness");
		assertThat(path(portal.getStartupProbe())).isEqualTo("/actuator/health/liveness");
		assertThat(path(portal.getReadinessProbe())).isEqualTo("/actuator/health/readiness");
		// The probes reach the port the application listens on; the actuator has no
		// port of its own.
		Map<String, Object> application = new Yaml().load(Manifests.applicationYaml());
		assertThat(map(application, "management")).doesNotContainKey("server");
		assertThat(String.valueOf(map(application, "server").get("port"))).isEqualTo("${PORT:8080}");
		for (Probe probe : List.of(portal.getLivenessProbe(), portal.getReadinessProbe(), portal.getStartupProbe())) {
			String port = probe.getHttpGet().getPort().getStrVal();
			assertThat(portal.getPorts()).filteredOn(p -> p.getName().equals(port))
				.singleElement()
				.satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
		}
		assertThat(portal.getResources().getRequests()).containsKeys("cpu", "memory");
		assertThat(portal.getResources().getLimits()).containsKey("memory");
	}

	@Test
	void portalRunsAsNonRootOnAReadOnlyRootWithOnlyAnEmptyDirTmpWritable() {
		Deployment deployment = Manifests.base().one(Deployment.class);
		PodSpec pod = deployment.getSpec().getTemplate().getSpec();
		Container portal = portal(deployment);

		assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
		assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
		assertThat(pod.getAutomountServiceAccountToken()).isFalse();
		var container = portal.getSecurityContext();
		assertThat(container.getRunAsNonRoot()).isTrue();
		assertThat(container.getRunAsUser()).isPositive();
		assertThat(container.getReadOnlyRootFilesystem()).isTrue();
		assertThat(container.getAllowPrivilegeEscalation()).isFalse();
		assertThat(container.getPrivileged()).isFalse();
		assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
		assertThat(container.getCapabilities().getAdd()).isNullOrEmpty();
		assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

		VolumeMount tmp = mount(portal, "/tmp");
		assertThat(volume(pod, tmp.getName()).getEmptyDir()).isNotNull();
		assertThat(portal.getVolumeMounts()).filteredOn(mount -> !mount.getMountPath().equals("/tmp"))
			.isNotEmpty()
			.allSatisfy(mount -> assertThat(mount.getReadOnly()).as(mount.getMountPath()).isTrue());
	}

	@Test
	void secretValuesAreReferencedFromSecretsAndNeverWrittenIntoTheManifests() {
		Manifests base = Manifests.base();
		assertThat(base.all(Secret.class)).as("the base holds no Secret").isEmpty();
		Container portal = portal(base.one(Deployment.class));
		for (EnvVar variable : portal.getEnv()) {
			if (SECRET_NAME.matcher(variable.getName()).find()) {
				assertThat(variable.getValue()).as(variable.getName()).isNull();
				assertThat(variable.getValueFrom().getSecretKeyRef()).as(variable.getName()).isNotNull();
			}
		}
		assertThat(portal.getEnv()).extracting(EnvVar::getName)
			.contains("SPRING_DATASOURCE_PASSWORD", "HUBGUARD_GITHUB_CLIENT_SECRET", "HUBGUARD_CILOGON_CLIENT_SECRET");
		assertThat(config(base).getData().keySet()).noneMatch(key -> SECRET_NAME.matcher(key).find())
			.contains("HUBGUARD_KEK_FILE");
		PodSpec pod = base.one(Deployment.class).getSpec().getTemplate().getSpec();
		assertThat(volume(pod, mount(portal, "/etc/hubguard/kek").getName()).getSecret().getSecretName())
			.isEqualTo("hubguard-kek");
		assertThat(volume(pod, mount(portal, "/etc/hubguard/kubeconfig").getName()).getSecret().getSecretName())
			.isEqualTo("hubguard-kubeconfig");

		// The overlay's Secrets hold exactly what the provider's files say, nothing else.
		Manifests overlay = Manifests.overlay();
		assertThat(overlay.all(Secret.class)).hasSize(5);
		for (Secret secret : overlay.all(Secret.class)) {
			assertThat(secret.getData().values())
				.allSatisfy(value -> assertThat(Manifests.OVERLAY_FILES).containsValue(decode(value)).isNotNull());
		}
		Secret database = overlay.named(Secret.class, name -> name.startsWith("hubguard-database-"));
		assertThat(decode(database.getData().get("password"))).isEqualTo("placeholder-db-password");
	}

	@Test
	void everyVariableTheManifestsSetIsOneTheApplicationReads() {
		for (Manifests manifests : List.of(Manifests.base(), Manifests.overlay())) {
			List<String> set = new java.util.ArrayList<>(config(manifests).getData().keySet());
			portal(manifests.one(Deployment.class)).getEnv().forEach(variable -> set.add(variable.getName()));
			assertThat(Manifests.variablesTheAppReads()).containsAll(set);
		}
	}

	@Test
	void configuredFilesAreWhereTheSecretsAndConfigMapsAreMounted() {
		Manifests overlay = Manifests.overlay();
		Map<String, String> config = config(overlay).getData();
		Deployment deployment = overlay.one(Deployment.class);
		PodSpec pod = deployment.getSpec().getTemplate().getSpec();
		Container portal = portal(deployment);
		ConfigMap catalogue = overlay.named(ConfigMap.class, name -> name.startsWith("hubguard-catalogue-"));
		Secret kubeconfig = overlay.named(Secret.class, name -> name.startsWith("hubguard-kubeconfig-"));
		Secret kek = overlay.named(Secret.class, name -> name.startsWith("hubguard-kek-"));

		assertFileIn(pod, portal, config.get("HUBGUARD_CATALOGUE"), catalogue.getData().keySet(),
				volume -> volume.getConfigMap().getName(), catalogue.getMetadata().getName());
		assertFileIn(pod, portal, config.get("HUBGUARD_STAFF_ROSTER"), catalogue.getData().keySet(),
				volume -> volume.getConfigMap().getName(), catalogue.getMetadata().getName());
		assertFileIn(pod, portal, config.get("HUBGUARD_KUBECONFIG"), kubeconfig.getData().keySet(),
				volume -> volume.getSecret().getSecretName(), kubeconfig.getMetadata().getName());
		assertFileIn(pod, portal, config.get("HUBGUARD_KEK_FILE"), kek.getData().keySet(),
				volume -> volume.getSecret().getSecretName(), kek.getMetadata().getName());
		// Every Secret the portal names is one the overlay generates.
		List<String> generated = overlay.all(Secret.class).stream().map(s -> s.getMetadata().getName()).toList();
		assertThat(portal.getEnv()).filteredOn(variable -> variable.getValueFrom() != null)
			.allSatisfy(
					variable -> assertThat(generated).contains(variable.getValueFrom().getSecretKeyRef().getName()));
	}

	@Test
	void overlaySetsTheProvidersImageHostAndReplicas() {
		Manifests overlay = Manifests.overlay();
		Deployment deployment = overlay.one(Deployment.class);
		assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
		assertThat(portal(deployment).getImage()).isEqualTo("registry.example.org/hubguard:2026.12.1");
		Ingress ingress = overlay.one(Ingress.class);
		assertThat(ingress.getSpec().getRules()).singleElement()
			.satisfies(rule -> assertThat(rule.getHost()).isEqualTo("hubguard.provider.example"));
		assertThat(ingress.getSpec().getTls()).singleElement()
			.satisfies(tls -> assertThat(tls.getHosts()).containsExactly("hubguard.provider.example"));
		assertThat(config(overlay).getData()).containsEntry("HUBGUARD_PUBLIC_URL", "https://hubguard.provider.example");
		assertThat(overlay.objects()).allSatisfy(
				object -> assertThat(object.getMetadata().getNamespace()).as(object.getKind()).isEqualTo("hubguard"));
	}

	@Test
	void disruptionBudgetServiceAndIngressReachThePortalsPods() {
		Manifests base = Manifests.base();
		Deployment deployment = base.one(Deployment.class);
		Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

		PodDisruptionBudget budget = base.one(PodDisruptionBudget.class);
		assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
		assertThat(budget.getSpec().getMinAvailable().getIntVal()).isPositive()
			.isLessThan(deployment.getSpec().getReplicas());

		Service service = base.one(Service.class);
		assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
		assertThat(service.getSpec().getPorts()).singleElement()
			.satisfies(port -> assertThat(port.getTargetPort().getStrVal()).isEqualTo("http"));

		IngressBackend backend = base.one(Ingress.class)
			.getSpec()
			.getRules()
			.get(0)
			.getHttp()
			.getPaths()
			.get(0)
			.getBackend();
		assertThat(backend.getService().getName()).isEqualTo(service.getMetadata().getName());
		assertThat(backend.getService().getPort().getName()).isEqualTo(service.getSpec().getPorts().get(0).getName());
	}

	private static void assertFileIn(PodSpec pod, Container portal, String file, java.util.Set<String> keys,
			java.util.function.Function<Volume, String> source, String expectedSource) {
		assertThat(file).isNotBlank();
		String dir = file.substring(0, file.lastIndexOf('/'));
		VolumeMount mount = mount(portal, dir);
		assertThat(mount.getSubPath()).as("mounted whole, so updates reach the pod").isNull();
		assertThat(source.apply(volume(pod, mount.getName()))).isEqualTo(expectedSource);
		assertThat(keys).contains(file.substring(dir.length() + 1));
	}

	private static ConfigMap config(Manifests manifests) {
		return manifests.named(ConfigMap.class, name -> name.startsWith("hubguard-config-"));
	}

	private static Container portal(Deployment deployment) {
		return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
	}

	private static String path(Probe probe) {
		return probe.getHttpGet().getPath();
	}

	private static VolumeMount mount(Container container, String path) {
		return container.getVolumeMounts()
			.stream()
			.filter(mount -> mount.getMountPath().equals(path))
			.findFirst()
			.orElseThrow(() -> new AssertionError("nothing mounted at " + path));
	}

	private static Volume volume(PodSpec pod, String name) {
		return pod.getVolumes().stream().filter(volume -> volume.getName().equals(name)).findFirst().orElseThrow();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> yaml, String key) {
		return (Map<String, Object>) yaml.get(key);
	}

	private static String decode(String base64) {
		return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
	}

}
