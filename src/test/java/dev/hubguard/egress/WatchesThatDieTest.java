package dev.hubguard.egress;

import dev.hubguard.cluster.ClusterCaches;
import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.demo.InMemoryCluster;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.Eventually;
import dev.hubguard.support.PortalTest;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The API server drops every watch connection and refuses new ones (lists and writes
 * still work): the explainer still shows what the reconciler applied, the stores are
 * shown stale with their age and listed again, drift is still repaired, and once watches
 * are allowed again the data is current.
 */
@PortalTest
class WatchesThatDieTest {

	static final String SPYGLASS = "/api/v1/hubs/hhmi/spyglass/internet-access";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ClusterCaches caches;

	Api bo;

	Api staff;

	@BeforeEach
	void people() {
		bo = Api.as(port, accounts, tokens, Api.github("bo-hhmi"));
		staff = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		Eventually.within(Duration.ofSeconds(20), "hhmi's policies current", () -> age("NetworkPolicy") == 0);
	}

	@AfterEach
	void watchesBack() {
		hhmi().dropWatches(false);
	}

	static InMemoryCluster hhmi() {
		return DemoRuntime.current().orElseThrow().cluster("hhmi");
	}

	double age(String kind) {
		var gauge = meters.find("hubguard_cache_age_seconds").tags("cluster", "hhmi", "kind", kind).gauge();
		return gauge == null ? Double.NaN : gauge.value();
	}

	static NetworkPolicy live() {
		try (KubernetesClient client = hhmi().client()) {
			return client.network().v1().networkPolicies().inNamespace("spyglass").withName("hubguard-egress").get();
		}
	}

	int approve(String json) {
		int base = InternetAccessFlowTest.version(bo, SPYGLASS);
		long id = bo.put(SPYGLASS, json.formatted(base)).json().get("id").asLong();
		staff.post("/api/v1/change-requests/" + id + "/approve", null);
		return InternetAccessFlowTest.version(bo, SPYGLASS);
	}

	String verdict(String destination) {
		JsonNode answer = bo.get(SPYGLASS + "/effective?destination=" + destination + "&port=443&protocol=TCP").json();
		return answer.get("verdict").asString();
	}

	@Test
	void theExplainerShowsAnApprovedAllowListAsSoonAsItIsAppliedEvenWhileTheWatchIsCutOff() {
		hhmi().dropWatches(true);
		int version = approve(
				"""
						{"mode":"ALLOWLIST","rules":[{"cidr":"203.0.113.0/24","protocol":"TCP","port":443,"reason":"survey data"}],
						 "justification":"survey","baseVersion":%d}""");
		Eventually.within(Duration.ofSeconds(5), "applied", () -> live() != null && String.valueOf(version)
			.equals(live().getMetadata().getAnnotations().get("hubguard.dev/desired-version")));

		Eventually.within(Duration.ofSeconds(1), "the explainer shows the applied allow-list",
				() -> verdict("203.0.113.9").equals("reachable"));
	}

	@Test
	void aStoreCutOffFromItsWatchIsShownStaleListedAgainAndDriftIsStillRepaired() {
		int version = approve("""
				{"mode":"BLOCKED","justification":"closed for the audit","baseVersion":%d}""");
		Eventually.within(Duration.ofSeconds(10), "applied", () -> live() != null && String.valueOf(version)
			.equals(live().getMetadata().getAnnotations().get("hubguard.dev/desired-version")));
		hhmi().dropWatches(true);
		try (KubernetesClient client = hhmi().client()) {
			client.network()
				.v1()
				.networkPolicies()
				.inNamespace("spyglass")
				.withName("hubguard-egress")
				.edit(policy -> new NetworkPolicyBuilder(policy).editSpec()
					.editPodSelector()
					.addToMatchLabels("x", "y")
					.endPodSelector()
					.endSpec()
					.build());
		}

		Eventually.within(Duration.ofSeconds(30), "the edit seen by listing again, and put back",
				() -> !live().getSpec().getPodSelector().getMatchLabels().containsKey("x"));
		// A relist gives fresh data (age 0 again) until the refused watch makes it stale
		// again: the gauge and the stores are read at one moment that shows it stale.
		Eventually.within(Duration.ofSeconds(30), "the stale store shown with its age",
				() -> age("NetworkPolicy") > 5 && caches.stores()
					.stream()
					.anyMatch(store -> store.cluster().equals("hhmi") && store.kind().equals("NetworkPolicy")
							&& store.stale()));

		hhmi().dropWatches(false);
		Eventually.within(Duration.ofSeconds(30), "current again once watches work", () -> age("NetworkPolicy") == 0);
	}

}
