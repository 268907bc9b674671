package dev.hubguard.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.demo.Z2jhObjects;
import dev.hubguard.egress.StandardProbes;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A reached destination that the policies deny is a breach; nothing else is. */
class ProbeComparisonTest {

	static final Map<String, String> LABELS = StandardProbes.singleuserPodLabels(Facts.NS);

	/**
	 * The chart's default singleuser policy: public internet yes, private and metadata
	 * no.
	 */
	static final List<NetworkPolicy> POLICIES = List.of(Z2jhObjects.singleuserPolicy(Facts.NS, true));

	@Test
	void reachingTheMetadataServerThatThePolicyDeniesIsABreach() {
		List<ProbeRun.Reach> reaches = NetworkProbe
			.compare(List.of(new ProbeLog.Tried("cloud-metadata", "169.254.169.254", 80, true),
					new ProbeLog.Tried("public-web", "1.1.1.1", 443, true)), POLICIES, Facts.NS, LABELS, null);
		assertThat(reaches).extracting(ProbeRun.Reach::breach).containsExactly(true, false);
		assertThat(reaches.get(0).describe()).contains("policy not enforced");
		assertThat(reaches.get(1).describe()).contains("was reached; the NetworkPolicies allow it");
	}

	@Test
	void anAllowedDestinationNotReachedIsNoBreach() {
		List<ProbeRun.Reach> reaches = NetworkProbe.compare(List
			.of(new ProbeLog.Tried("public-web", "1.1.1.1", 443, false), new ProbeLog.Tried("private", "", 443, false)),
				POLICIES, Facts.NS, LABELS, null);
		assertThat(reaches).noneMatch(ProbeRun.Reach::breach);
		assertThat(reaches.get(0).describe()).contains("nothing answered there");
	}

	@Test
	void anotherUsersServerReachedAcrossThePolicyIsABreach() {
		List<ProbeRun.Reach> reaches = NetworkProbe.compare(
				List.of(new ProbeLog.Tried("other-user-server", "10.8.0.9", 8888, true)), POLICIES, Facts.NS, LABELS,
				LABELS);
		assertThat(reaches.get(0).breach()).isTrue();
	}

}
