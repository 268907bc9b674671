package dev.hubguard.egress;

import static dev.hubguard.egress.Policies.NAMESPACE;
import static dev.hubguard.egress.Policies.cidr;
import static dev.hubguard.egress.Policies.egressPolicy;
import static dev.hubguard.egress.Policies.port;
import static dev.hubguard.egress.Policies.rule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.demo.Z2jhObjects;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Zero to JupyterHub chart's singleuser NetworkPolicy, as rendered from its default
 * values, evaluated for a user pod against the standard probes.
 */
class ChartPolicyEgressTest {

	@Test
	void chartDefaultsAllowThePublicInternetDnsAndHubButNotMetadataOrPrivateAddresses() {
		Map<String, Verdict> verdicts = evaluate(List.of(Z2jhObjects.singleuserPolicy(NAMESPACE, true)));

		assertThat(allowed(verdicts)).containsExactly(Map.entry("public-443", true), Map.entry("public-22", true),
				Map.entry("cloud-metadata", false), Map.entry("private", false), Map.entry("dns", true),
				Map.entry("hub", true));
		assertThat(verdicts.get("public-443").policy()).isEqualTo("singleuser");
		assertThat(verdicts.get("public-443").rule()).isEqualTo(
				"egress rule 5: to 0.0.0.0/0 except 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 169.254.169.254/32; all ports");
		assertThat(verdicts.get("public-443").reason()).isEqualTo("Allowed by singleuser.");
		assertThat(verdicts.get("dns").policy()).isEqualTo("singleuser");
		assertThat(verdicts.get("dns").rule()).startsWith("egress rule 4: ").endsWith("; 53/UDP, 53/TCP");
		assertThat(verdicts.get("hub").policy()).isEqualTo("singleuser");
		assertThat(verdicts.get("hub").rule()).isEqualTo(
				"egress rule 1: to pods {app=jupyterhub, component=hub, release=mtu} in this namespace; 8081/TCP");
		assertThat(verdicts.get("cloud-metadata").policy()).isNull();
		assertThat(verdicts.get("cloud-metadata").rule()).isNull();
		assertThat(verdicts.get("cloud-metadata").reason())
			.isEqualTo("No egress rule of singleuser, the only policy selecting user pods for egress, allows it.");
	}

	@Test
	void withoutNonPrivateIpsOnlyDnsAndTheHubAreReachable() {
		Map<String, Verdict> verdicts = evaluate(List.of(Z2jhObjects.singleuserPolicy(NAMESPACE, false)));

		assertThat(allowed(verdicts)).containsExactly(Map.entry("public-443", false), Map.entry("public-22", false),
				Map.entry("cloud-metadata", false), Map.entry("private", false), Map.entry("dns", true),
				Map.entry("hub", true));
		assertThat(verdicts.get("dns").policy()).isEqualTo("singleuser");
		assertThat(verdicts.get("hub").policy()).isEqualTo("singleuser");
	}

	@Test
	void aSecondPolicyOnlyAddsWhatItAllows() {
		NetworkPolicy https = egressPolicy("allow-https", rule(List.of(cidr("0.0.0.0/0")), port(443, "TCP")));

		Map<String, Verdict> verdicts = evaluate(List.of(Z2jhObjects.singleuserPolicy(NAMESPACE, false), https));

		assertThat(allowed(verdicts)).containsExactly(Map.entry("public-443", true), Map.entry("public-22", false),
				Map.entry("cloud-metadata", false), Map.entry("private", true), Map.entry("dns", true),
				Map.entry("hub", true));
		assertThat(verdicts.get("public-443").policy()).isEqualTo("allow-https");
		assertThat(verdicts.get("public-443").rule()).isEqualTo("egress rule 1: to 0.0.0.0/0; 443/TCP");
		assertThat(verdicts.get("public-22").reason())
			.isEqualTo("No egress rule of the 2 policies selecting user pods allows it.");
	}

	private static Map<String, Verdict> evaluate(List<NetworkPolicy> policies) {
		List<Verdict> verdicts = EgressEvaluator.evaluate(policies, NAMESPACE,
				StandardProbes.singleuserPodLabels(NAMESPACE), StandardProbes.forHub(NAMESPACE, NAMESPACE));
		return verdicts.stream()
			.collect(Collectors.toMap((verdict) -> verdict.destination().key(), Function.identity(), (a, b) -> a,
					LinkedHashMap::new));
	}

	private static List<Map.Entry<String, Boolean>> allowed(Map<String, Verdict> verdicts) {
		return verdicts.values().stream().map((v) -> Map.entry(v.destination().key(), v.allowed())).toList();
	}

}
