package dev.hubguard.egress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.demo.InMemoryCluster;
import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.Eventually;
import dev.hubguard.support.PortalTest;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A cluster outage delays an approved change but never loses it; edits and deletes by
 * others are undone.
 */
@PortalTest
class ReconcilerResilienceTest {

	static final String SPYGLASS = "/api/v1/hubs/hhmi/spyglass/internet-access";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	Api bo;

	Api staff;

	@BeforeEach
	void people() {
		bo = Api.as(port, accounts, tokens, Api.github("bo-hhmi"));
		staff = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
	}

	static InMemoryCluster hhmi() {
		return DemoRuntime.current().orElseThrow().cluster("hhmi");
	}

	static NetworkPolicy live() {
		try (KubernetesClient client = hhmi().client()) {
			return client.network().v1().networkPolicies().inNamespace("spyglass").withName("hubguard-egress").get();
		}
	}

	int approveNewPolicy(String json) {
		int base = InternetAccessFlowTest.version(bo, SPYGLASS);
		long id = bo.put(SPYGLASS, json.formatted(base)).json().get("id").asLong();
		JsonNode approved = staff.post("/api/v1/change-requests/" + id + "/approve", null).json();
		if (approved.has("appliedVersion") && !approved.get("appliedVersion").isNull()) {
			return approved.get("appliedVersion").asInt();
		}
		return InternetAccessFlowTest.version(bo, SPYGLASS);
	}

	static boolean liveAt(int version) {
		NetworkPolicy policy = live();
		return policy != null && String.valueOf(version)
			.equals(policy.getMetadata().getAnnotations().get("hubguard.dev/desired-version"));
	}

	@Test
	void anApprovalDuringAClusterOutageIsAppliedAfterRecovery() {
		hhmi().outage(true);
		int version;
		try {
			version = approveNewPolicy(
					"""
							{"mode":"ALLOWLIST","rules":[{"cidr":"198.51.100.0/24","protocol":"TCP","port":443,"reason":"imaging archive"}],
							 "justification":"lab data","baseVersion":%d}""");
			Eventually.within(Duration.ofSeconds(5), "status shows the failure", () -> {
				JsonNode status = bo.get(SPYGLASS).json().get("status");
				return status.size() > 0 && status.get(0).get("state").asString().equals("ERROR")
						&& status.get(0).get("desiredVersion").asInt() == InternetAccessFlowTest.version(bo, SPYGLASS);
			});
			JsonNode status = bo.get(SPYGLASS).json().get("status").get(0);
			assertThat(status.get("lastError").asString()).contains("503");
			assertThat(status.get("nextAttemptAt").isNull()).isFalse();
		}
		finally {
			hhmi().outage(false);
		}
		int expected = version;
		Eventually.within(Duration.ofSeconds(15), "applied after the cluster is back", () -> liveAt(expected));
		assertThat(live().getSpec().getEgress().get(0).getTo().get(0).getIpBlock().getCidr())
			.isEqualTo("198.51.100.0/24");
		assertThat(jdbc
			.sql("select count(*) from audit_log where hub = 'hhmi/spyglass' and action = 'cluster.apply-failed'")
			.query(Integer.class)
			.single()).isPositive();
	}

	@Test
	void aDeletedOrEditedPolicyIsPutBackAndRecordedAsDrift() {
		int version = approveNewPolicy("""
				{"mode":"WEB_ONLY","justification":"default for the lab","allowPrivate":true,"baseVersion":%d}""");
		Eventually.within(Duration.ofSeconds(5), "applied", () -> liveAt(version));

		try (KubernetesClient someoneElse = hhmi().client()) {
			someoneElse.network().v1().networkPolicies().inNamespace("spyglass").withName("hubguard-egress").delete();
		}
		Eventually.within(Duration.ofSeconds(5), "deleted policy restored", () -> liveAt(version));

		try (KubernetesClient someoneElse = hhmi().client()) {
			someoneElse.network()
				.v1()
				.networkPolicies()
				.inNamespace("spyglass")
				.withName("hubguard-egress")
				.edit(policy -> {
					policy.getSpec().getEgress().get(0).getPorts().get(0).setPort(new IntOrString(22));
					return policy;
				});
		}
		Eventually.within(Duration.ofSeconds(5), "edited policy restored",
				() -> live().getSpec().getEgress().get(0).getPorts().get(0).getPort().getIntVal() == 80);

		JsonNode status = bo.get(SPYGLASS).json().get("status").get(0);
		assertThat(status.get("driftCount").asInt()).isGreaterThanOrEqualTo(2);
		assertThat(jdbc
			.sql("select count(*) from audit_log where hub = 'hhmi/spyglass' and action = 'cluster.drift-detected'")
			.query(Integer.class)
			.single()).isGreaterThanOrEqualTo(2);
	}

}
