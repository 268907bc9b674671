package dev.hubguard.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardProbesTest {

	@Test
	void probesThePublicInternetMetadataPrivateRangeDnsAndHubInThatOrder() {
		List<Destination> probes = StandardProbes.forHub("mtu-ns", "mtu");

		assertThat(probes).extracting(Destination::key)
			.containsExactly("public-443", "public-22", "cloud-metadata", "private", "dns", "hub");
		assertThat(probes).extracting((d) -> d.ip() + ":" + d.port() + "/" + d.protocol())
			.containsExactly("1.1.1.1:443/TCP", "1.1.1.1:22/TCP", "169.254.169.254:80/TCP", "10.128.0.20:443/TCP",
					"10.0.0.10:53/UDP", "10.0.3.7:8081/TCP");
		assertThat(probes.subList(0, 4)).allSatisfy((d) -> {
			assertThat(d.podLabels()).isNull();
			assertThat(d.namespace()).isNull();
			assertThat(d.namedPorts()).isEmpty();
		});
	}

	@Test
	void theDnsProbeIsTheKubeDnsPodInKubeSystem() {
		Destination dns = StandardProbes.forHub("mtu-ns", "mtu").get(4);

		assertThat(dns.label()).isEqualTo("Cluster DNS in kube-system");
		assertThat(dns.namespace()).isEqualTo("kube-system");
		assertThat(dns.namespaceLabels()).isEqualTo(Map.of("kubernetes.io/metadata.name", "kube-system"));
		assertThat(dns.podLabels()).isEqualTo(Map.of("k8s-app", "kube-dns"));
		assertThat(dns.namedPorts()).isEqualTo(Map.of("dns", 53, "dns-tcp", 53));
	}

	@Test
	void theHubProbeIsTheHubPodOfTheRelease() {
		Destination hub = StandardProbes.forHub("mtu-ns", "mtu").get(5);

		assertThat(hub.label()).isEqualTo("The hub pod");
		assertThat(hub.namespace()).isEqualTo("mtu-ns");
		assertThat(hub.namespaceLabels()).isEqualTo(Map.of("kubernetes.io/metadata.name", "mtu-ns"));
		assertThat(hub.podLabels()).isEqualTo(Map.of("app", "jupyterhub", "component", "hub", "release", "mtu"));
		assertThat(hub.namedPorts()).isEqualTo(Map.of("http", 8081));
	}

	@Test
	void userPodsCarryTheChartsSingleuserLabels() {
		assertThat(StandardProbes.singleuserPodLabels("mtu"))
			.isEqualTo(Map.of("app", "jupyterhub", "component", "singleuser-server", "release", "mtu"));
	}

}
