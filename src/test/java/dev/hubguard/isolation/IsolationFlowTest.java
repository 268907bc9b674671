package dev.hubguard.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.demo.InMemoryCluster;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.Eventually;
import dev.hubguard.support.PortalTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The demo's seeded weaknesses found over HTTP against the in-memory API servers, and who
 * may read which report.
 */
@PortalTest
class IsolationFlowTest {

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	IsolationChecks checks;

	@Autowired
	Exemptions exemptions;

	Api ada;

	Api bo;

	Api staff;

	Api nobody;

	@BeforeEach
	void people() {
		ada = Api.as(port, accounts, tokens, Api.cilogon("ada@mtu.example", "https://idp.mtu.example/idp/shibboleth"));
		bo = Api.as(port, accounts, tokens, Api.github("bo-hhmi"));
		staff = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		nobody = Api.as(port, accounts, tokens, Api.cilogon("nia@elsewhere.example", "https://accounts.google.com"));
	}

	/** The report once the cluster's cache has synced. */
	static JsonNode report(Api api, String hub) {
		JsonNode[] found = new JsonNode[1];
		Eventually.within(Duration.ofSeconds(20), hub + " synced", () -> {
			Api.Response response = api.get("/api/v1/hubs/" + hub + "/isolation");
			found[0] = response.json();
			return response.status() == 200 && found[0].get("unavailable").isNull();
		});
		return found[0];
	}

	static JsonNode check(JsonNode report, String id) {
		for (JsonNode check : report.get("checks")) {
			if (check.get("id").asString().equals(id)) {
				return check;
			}
		}
		throw new AssertionError("no check " + id);
	}

	static String result(JsonNode report, String id) {
		return check(report, id).get("result").asString();
	}

	static String evidence(JsonNode report, String id) {
		return check(report, id).get("evidence").toString();
	}

	/** Staff start the probe; the report once it has an answer. */
	static JsonNode probed(Api staff, String hub) {
		assertThat(staff.post("/api/v1/staff/hubs/" + hub + "/isolation/probe", "").status()).isEqualTo(202);
		JsonNode[] found = new JsonNode[1];
		Eventually.within(Duration.ofSeconds(30), hub + " probed", () -> {
			found[0] = report(staff, hub);
			return !evidence(found[0], "network.probe").contains("running")
					&& !evidence(found[0], "network.probe").contains("Not probed yet");
		});
		return found[0];
	}

	@Test
	void aHealthyHubPassesEveryScoredCheck() {
		probed(staff, "hhmi/spyglass");
		JsonNode report = report(bo, "hhmi/spyglass");
		assertThat(result(report, "network.probe")).isEqualTo("pass");
		assertThat(evidence(report, "network.probe"))
			.contains("The cloud metadata server (169.254.169.254:80) was not reached");
		Map<String, String> notPassing = new TreeMap<>();
		for (JsonNode check : report.get("checks")) {
			if (!check.get("severity").asString().equals("info") && !check.get("result").asString().equals("pass")) {
				notPassing.put(check.get("id").asString(), check.get("evidence").toString());
			}
		}
		assertThat(notPassing).isEmpty();
		assertThat(report.get("score").asInt()).isEqualTo(100);
		assertThat(result(report, "platform.privileged-system-pods")).isEqualTo("exempt");
		assertThat(evidence(report, "platform.privileged-system-pods")).contains("support/cryptnono",
				"kube-system/calico-node");
		assertThat(result(report, "hub.user-subdomains")).isEqualTo("unknown");
		assertThat(report.get("users").size()).isPositive();
	}

	@Test
	void binderRunsUsersAsRootWithABoundServiceAccountToken() {
		JsonNode report = report(staff, "hhmi/binder");
		assertThat(result(report, "user-pod.non-root")).isEqualTo("fail");
		assertThat(evidence(report, "user-pod.non-root")).contains("runAsUser: 0");
		assertThat(check(report, "user-pod.non-root").get("kubescape").asString()).isEqualTo("C-0013");
		assertThat(check(report, "user-pod.non-root").get("remedy").asString()).contains("uid: 1000");
		assertThat(result(report, "user-pod.service-account-token")).isEqualTo("fail");
		assertThat(evidence(report, "user-pod.service-account-token")).contains("RoleBinding binder/binder-user-edit",
				"ClusterRoleBinding binder-serviceaccounts-view");
		assertThat(check(report, "user-pod.service-account-token").get("remedy").asString())
			.contains("automount_service_account_token: false");
		assertThat(report.get("score").asInt()).isLessThan(100);
		JsonNode user = report.get("users").get(0);
		assertThat(user.get("violations").toString()).contains("user-pod.non-root", "user-pod.service-account-token");
	}

	@Test
	void cloudbankHasNoNetworkPolicyControllerAndKeepsTheIptablesBlock() {
		JsonNode report = report(staff, "cloudbank/avc");
		assertThat(result(report, "network.controller")).isEqualTo("fail");
		assertThat(evidence(report, "network.controller")).contains("kube-flannel-ds");
		assertThat(result(report, "network.private-addresses")).isEqualTo("fail");
		assertThat(result(report, "network.cloud-metadata")).isEqualTo("pass");
		assertThat(evidence(report, "network.cloud-metadata")).contains("block-cloud-metadata");
		assertThat(result(report, "network.iptables-init-container")).isEqualTo("pass");
		// The privileged iptables init container is judged by its own check only.
		assertThat(result(report, "user-pod.privileged")).isEqualTo("pass");
		// Where a controller enforces the policies, no user pod runs it.
		assertThat(result(report(staff, "hhmi/spyglass"), "network.iptables-init-container")).isEqualTo("pass");
	}

	@Test
	void theProbeFindsThatCloudbankIgnoresItsPoliciesAndCleansUp() {
		JsonNode report = probed(staff, "cloudbank/avc");
		assertThat(result(report, "network.probe")).isEqualTo("fail");
		assertThat(evidence(report, "network.probe")).contains(
				"The cloud metadata server (169.254.169.254:80) was reached, but the NetworkPolicies deny it: policy not enforced.");
		InMemoryCluster cloudbank = DemoRuntime.current().orElseThrow().cluster("cloudbank");
		try (var client = cloudbank.client()) {
			assertThat(client.pods().inNamespace("avc").withLabel("hubguard.dev/probe").list().getItems()).isEmpty();
		}
		// The probe pod never showed up as a user server.
		assertThat(report.get("users").toString()).doesNotContain("hubguard-probe");
	}

	@Test
	void onlyStaffRunTheProbe() {
		assertThat(bo.post("/api/v1/staff/hubs/hhmi/spyglass/isolation/probe", "").status()).isEqualTo(403);
		assertThat(nobody.post("/api/v1/staff/hubs/hhmi/spyglass/isolation/probe", "").status()).isEqualTo(403);
		assertThat(staff.post("/api/v1/staff/hubs/nope/nope/isolation/probe", "").status()).isEqualTo(404);
	}

	@Test
	void aChartPolicyThatAllowsTheMetadataServerFails() {
		JsonNode staging = report(staff, "nasa-cryo/staging");
		assertThat(result(staging, "network.cloud-metadata")).isEqualTo("fail");
		assertThat(evidence(staging, "network.cloud-metadata")).contains("singleuser");
		assertThat(check(staging, "network.cloud-metadata").get("remedy").asString())
			.contains("cloudMetadataServer: false");
		assertThat(result(report(staff, "nasa-cryo/prod"), "network.cloud-metadata")).isEqualTo("pass");
	}

	@Test
	void aHubWithoutMemoryLimitsFailsThatCheckOnly() {
		JsonNode staging = report(staff, "2i2c/staging");
		assertThat(result(staging, "user-pod.memory-limit")).isEqualTo("fail");
		assertThat(check(staging, "user-pod.memory-limit").get("remedy").asString()).contains("memory:", "limit:");
		assertThat(result(staging, "user-pod.cpu-limit")).isEqualTo("pass");
		assertThat(result(report(ada, "2i2c/mtu"), "user-pod.memory-limit")).isEqualTo("pass");
	}

	@Test
	void anotherHubsAdminAndNobodyAreRefusedTheReport() {
		assertThat(bo.get("/api/v1/hubs/2i2c/mtu/isolation").status()).isEqualTo(403);
		assertThat(nobody.get("/api/v1/hubs/2i2c/mtu/isolation").status()).isEqualTo(403);
		assertThat(ada.get("/api/v1/hubs/2i2c/mtu/isolation").status()).isEqualTo(200);
		assertThat(ada.get("/api/v1/isolation").status()).isEqualTo(403);
	}

	@Test
	void computingEveryReportMakesNoApiRequest() {
		report(staff, "cloudbank/avc");
		report(staff, "hhmi/binder");
		report(staff, "nasa-cryo/prod");
		report(staff, "2i2c/mtu");
		Map<String, InMemoryCluster> clusters = DemoRuntime.current().orElseThrow().clusters();
		List<Long> before = new ArrayList<>();
		clusters.values().forEach(c -> before.add(c.requests()));
		List<IsolationReport> reports = checks.reports();
		for (int i = 0; i < 5; i++) {
			checks.reports();
		}
		List<Long> after = new ArrayList<>();
		clusters.values().forEach(c -> after.add(c.requests()));
		assertThat(reports).hasSize(26).allSatisfy(r -> assertThat(r.findings()).hasSize(Checks.ALL.size()));
		assertThat(after).isEqualTo(before);
	}

	@Test
	void anExemptionComputesTheReportOfItsHubAgainAndKeepsTheOthers() {
		Map<String, IsolationReport> before = byHub(checks.reports());
		String failing = before.get("hhmi/binder")
			.findings()
			.stream()
			.filter(f -> f.result() == Result.FAIL || f.result() == Result.WARN)
			.findFirst()
			.orElseThrow()
			.id();
		Exemption granted = exemptions.grant("sam@hubguard.example", new ExemptionForm("hhmi/binder", failing, null,
				"accepted for now", java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(7).toString()));
		try {
			Map<String, IsolationReport> after = byHub(checks.reports());
			assertThat(after.get("hhmi/binder")).isNotSameAs(before.get("hhmi/binder"));
			assertThat(after.get("hhmi/binder").findings())
				.anySatisfy(f -> assertThat(f.id() + " " + f.result()).isEqualTo(failing + " " + Result.EXEMPT));
			assertThat(after.get("nasa-cryo/prod")).isSameAs(before.get("nasa-cryo/prod"));
		}
		finally {
			exemptions.revoke("sam@hubguard.example", granted.id());
		}
		assertThat(byHub(checks.reports()).get("hhmi/binder").findings())
			.noneSatisfy(f -> assertThat(f.id() + " " + f.result()).isEqualTo(failing + " " + Result.EXEMPT));
	}

	private static Map<String, IsolationReport> byHub(List<IsolationReport> reports) {
		Map<String, IsolationReport> byHub = new TreeMap<>();
		reports.forEach(report -> byHub.put(report.hub(), report));
		return byHub;
	}

}
