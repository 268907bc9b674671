package dev.hubguard.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DestinationTest {

	@Test
	void acceptsOnlyASingleAddressNotABlock() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Destination.address("net", "A network", "10.0.0.0/8", 443, "TCP"))
			.withMessageContaining("10.0.0.0/8 is not an IP address");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Destination.address("bad", "A typo", "10.0.0.300", 443, "TCP"))
			.withMessageContaining("10.0.0.300");
	}

	@Test
	void rejectsPortsOutsideOneTo65535() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Destination.address("p", "Port zero", "1.1.1.1", 0, "TCP"))
			.withMessageContaining("port is 1 to 65535");
	}

	@Test
	void protocolDefaultsToTcpAndIsUpperCase() {
		assertThat(Destination.address("p", "P", "1.1.1.1", 443, null).protocol()).isEqualTo("TCP");
		assertThat(Destination.address("p", "P", "1.1.1.1", 53, "udp").protocol()).isEqualTo("UDP");
	}

	@Test
	void aPodsNamespaceCarriesItsNameLabelEvenWhenLeftOut() {
		Destination pod = new Destination("p", "P", "10.0.3.9", 80, "TCP", "data", Map.of("app", "x"),
				Map.of("team", "data"), Map.of());

		assertThat(pod.effectiveNamespaceLabels())
			.isEqualTo(Map.of("team", "data", "kubernetes.io/metadata.name", "data"));
	}

}
