package dev.hubguard.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What counts as drift: any value difference in what Hubguard owns, an empty desired
 * value included; never what the API server fills in or what other managers add.
 */
class FieldDiffTest {

	static NetworkPolicy blocked() {
		return new NetworkPolicyBuilder().withNewMetadata()
			.withName("hubguard-egress")
			.withNamespace("avc")
			.addToLabels(Ownership.MANAGED_BY, "hubguard")
			.addToAnnotations(Ownership.VERSION_ANNOTATION, "3")
			.endMetadata()
			.withNewSpec()
			.withNewPodSelector()
			.addToMatchLabels("component", "singleuser-server")
			.endPodSelector()
			.withPolicyTypes("Egress")
			.endSpec()
			.build();
	}

	@Test
	void anOpenedBlockedPolicyIsDrift() {
		NetworkPolicy live = blocked();
		live.getSpec()
			.setEgress(List.of(new NetworkPolicyEgressRuleBuilder().addNewTo()
				.withNewIpBlock()
				.withCidr("0.0.0.0/0")
				.endIpBlock()
				.endTo()
				.build()));

		assertThat(FieldDiff.differences(blocked(), live)).containsExactly("spec.egress");
	}

	@Test
	void aKeyAddedToAnOwnedMapIsDrift() {
		NetworkPolicy live = blocked();
		live.getSpec().getPodSelector().getMatchLabels().put("x", "y");

		assertThat(FieldDiff.differences(blocked(), live)).containsExactly("spec.podSelector.matchLabels.x");
	}

	@Test
	void aKeyAddedToSecretDataIsDriftAndAnEmptyDesiredMapIsAValue() {
		var desired = new SecretBuilder().withNewMetadata().withName("s").endMetadata().withData(Map.of()).build();
		var live = new SecretBuilder().withNewMetadata()
			.withName("s")
			.endMetadata()
			.withType("Opaque")
			.withData(Map.of("EXTRA", "eA=="))
			.build();

		assertThat(FieldDiff.differences(desired, live)).containsExactly("data.EXTRA");
	}

	@Test
	void whatTheApiServerFillsInAndWhatOthersAddIsNotDrift() {
		NetworkPolicy desired = blocked();
		desired.getSpec().setPolicyTypes(null);
		desired.getSpec()
			.setEgress(List.of(new NetworkPolicyEgressRuleBuilder().addNewPort()
				.withPort(new IntOrString(443))
				.endPort()
				.build()));
		NetworkPolicy live = blocked();
		live.getSpec().setPolicyTypes(List.of("Ingress", "Egress"));
		live.getSpec()
			.setEgress(List.of(new NetworkPolicyEgressRuleBuilder().addNewPort()
				.withProtocol("TCP")
				.withPort(new IntOrString(443))
				.endPort()
				.withTo(List.of())
				.build()));
		live.getMetadata().getLabels().put("team.example/owner", "someone");
		live.getMetadata().setAnnotations(Map.of(Ownership.VERSION_ANNOTATION, "3", "note.example/why", "hand"));
		live.getMetadata().setResourceVersion("42");

		assertThat(FieldDiff.differences(desired, live)).isEmpty();
		assertThat(FieldDiff.differences(new SecretBuilder().withNewMetadata().endMetadata().build(),
				new SecretBuilder().withNewMetadata().endMetadata().withType("Opaque").build()))
			.isEmpty();
	}

	@Test
	void aChangedOrRemovedHubguardLabelIsDrift() {
		NetworkPolicy live = blocked();
		live.getMetadata().setLabels(Map.of());
		live.getMetadata().setAnnotations(Map.of(Ownership.VERSION_ANNOTATION, "4"));

		assertThat(FieldDiff.differences(blocked(), live)).containsExactly("metadata.labels." + Ownership.MANAGED_BY,
				"metadata.annotations." + Ownership.VERSION_ANNOTATION);
	}

	@Test
	void aChangedProtocolOrPolicyTypeIsDrift() {
		NetworkPolicy desired = blocked();
		desired.getSpec()
			.setEgress(List.of(new NetworkPolicyEgressRuleBuilder().addNewPort()
				.withPort(new IntOrString(443))
				.endPort()
				.build()));
		NetworkPolicy live = blocked();
		live.getSpec()
			.setEgress(List.of(new NetworkPolicyEgressRuleBuilder().addNewPort()
				.withProtocol("UDP")
				.withPort(new IntOrString(443))
				.endPort()
				.build()));
		live.getSpec().setPolicyTypes(List.of("Ingress"));

		assertThat(FieldDiff.differences(desired, live)).containsExactly("spec.egress[0].ports[0].protocol",
				"spec.policyTypes[0]");
	}

}
