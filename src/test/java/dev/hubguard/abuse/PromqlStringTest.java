package dev.hubguard.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A pod name from an alert goes into the usage charts' PromQL selector as one string,
 * whatever it holds.
 */
class PromqlStringTest {

	@Test
	void quotesBackslashesAndLineBreaksStayInsideTheString() {
		assertThat(UsageCharts.escape("jupyter-a\"}) or vector(1) #\\\r\n\u0007"))
			.isEqualTo("jupyter-a\\\"}) or vector(1) #\\\\\\u000d\\u000a\\u0007");
	}

	@Test
	void anOrdinaryPodNameIsUnchanged() {
		assertThat(UsageCharts.escape("jupyter-student1-40mtu-2eexample"))
			.isEqualTo("jupyter-student1-40mtu-2eexample");
	}

}
