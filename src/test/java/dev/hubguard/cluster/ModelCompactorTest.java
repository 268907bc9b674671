package dev.hubguard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubguard.demo.Z2jhObjects;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class ModelCompactorTest {

	static Pod chartPod(String username) {
		return new PodBuilder(Z2jhObjects.userPod("mtu", username)).editSpec()
			.withNodeName("user-pool-1")
			.withNewSecurityContext()
			.withFsGroup(100L)
			.withRunAsUser(1000L)
			.endSecurityContext()
			.addNewVolume()
			.withName("volume-" + username)
			.withNewPersistentVolumeClaim()
			.withClaimName("claim-" + username)
			.endPersistentVolumeClaim()
			.endVolume()
			.editFirstContainer()
			.addNewEnv()
			.withName("JUPYTERHUB_API_TOKEN")
			.withValue("token-of-" + username)
			.endEnv()
			.withNewResources()
			.addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("2Gi"))
			.endResources()
			.addNewVolumeMount()
			.withName("volume-" + username)
			.withMountPath("/home/jovyan")
			.endVolumeMount()
			.endContainer()
			.endSpec()
			.build();
	}

	@Test
	void aCompactedPodReadsTheSameAsTheReducedOne() {
		ModelCompactor compactor = PodReduction.compactor();

		Pod compacted = PodReduction.reduce(chartPod("ada"), compactor);

		assertThat(compacted).isEqualTo(PodReduction.reduce(chartPod("ada")));
		assertThat(compacted.getSpec().getVolumes()).singleElement()
			.satisfies(volume -> assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo("claim-ada"));
		assertThat(compacted.getSpec().getContainers().get(0).getEnv()).singleElement()
			.satisfies(env -> assertThat(env.getValue()).isNull());
		assertThat(compacted.getSpec().getTolerations()).isEmpty();
	}

	@Test
	void podsOfAHubShareTheirCommonPartsAndKeepTheirOwn() {
		ModelCompactor compactor = PodReduction.compactor();

		Pod ada = PodReduction.reduce(chartPod("ada"), compactor);
		Pod bo = PodReduction.reduce(chartPod("bo"), compactor);

		assertThat(bo.getSpec().getSecurityContext()).isSameAs(ada.getSpec().getSecurityContext());
		assertThat(bo.getSpec().getContainers().get(0).getResources())
			.isSameAs(ada.getSpec().getContainers().get(0).getResources());
		assertThat(bo.getSpec().getVolumes()).isNotEqualTo(ada.getSpec().getVolumes());
		assertThat(bo.getMetadata().getAnnotations()).containsEntry("hub.jupyter.org/username", "bo");
		assertThat(ada.getMetadata().getAnnotations()).containsEntry("hub.jupyter.org/username", "ada");
	}

	@Test
	void aCachedPodCannotBeChangedThroughItsListsOrMaps() {
		Pod pod = PodReduction.reduce(chartPod("ada"), PodReduction.compactor());

		assertThatThrownBy(() -> pod.getMetadata().getLabels().put("component", "hub"))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> pod.getSpec().getContainers().clear())
			.isInstanceOf(UnsupportedOperationException.class);
		assertThat(pod.getMetadata().getLabels()).containsEntry("component", "singleuser-server");
	}

	@Test
	void thePartsHeldForSharingAreBounded() {
		ModelCompactor compactor = PodReduction.compactor();

		for (int i = 0; i < 3 * ModelCompactor.CAPACITY / 4; i++) {
			PodReduction.reduce(chartPod("user" + i), compactor);
		}

		assertThat(compactor.parts()).isBetween(1, ModelCompactor.CAPACITY);
	}

}
