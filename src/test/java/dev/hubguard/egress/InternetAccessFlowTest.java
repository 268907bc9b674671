package dev.hubguard.egress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.demo.InMemoryCluster;
import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.Eventually;
import dev.hubguard.support.PortalTest;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The internet-access flow end to end: request, approval, server-side apply into
 * fabric8's API server over HTTP, the effective-access table, and the four-eyes,
 * stale-version and reduction rules.
 */
@PortalTest
class InternetAccessFlowTest {

	static final String MTU = "/api/v1/hubs/2i2c/mtu/internet-access";

	static final String PROD = "/api/v1/hubs/nasa-cryo/prod/internet-access";

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	Api ada;

	Api bo;

	Api staff;

	Api otherStaff;

	@BeforeEach
	void people() {
		ada = Api.as(port, accounts, tokens, Api.cilogon("ada@mtu.example", "https://idp.mtu.example/idp/shibboleth"));
		bo = Api.as(port, accounts, tokens, Api.github("bo-hhmi"));
		staff = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		otherStaff = Api.as(port, accounts, tokens, Api.github("second-staff", "hubguard-demo:staff"));
	}

	/**
	 * Each test leaves nobody with an open request of their own, as a person who asks
	 * again while theirs is open is refused (409).
	 */
	@org.junit.jupiter.api.AfterEach
	void withdrawWhatIsLeftOpen() {
		for (Api who : List.of(ada, bo, staff, otherStaff)) {
			for (JsonNode request : who.get("/api/v1/change-requests?state=pending&limit=200").json()) {
				who.post("/api/v1/change-requests/" + request.get("id").asLong() + "/withdraw", null);
			}
		}
	}

	static int version(Api api, String path) {
		JsonNode desired = api.get(path).json().get("desired");
		return desired == null || desired.isNull() ? 0 : desired.get("version").asInt();
	}

	static NetworkPolicy egressPolicy(String cluster, String namespace) {
		InMemoryCluster running = DemoRuntime.current().orElseThrow().cluster(cluster);
		try (KubernetesClient client = running.client()) {
			return client.network().v1().networkPolicies().inNamespace(namespace).withName("hubguard-egress").get();
		}
	}

	@Test
	void askingAgainWhileYourRequestIsOpenAnswers409NamingItAndReplacingWithdrawsIt() {
		String mills = "/api/v1/hubs/cloudbank/mills/internet-access";
		staff.put(mills, """
				{"mode":"BLOCKED","justification":"exam week","baseVersion":%d}""".formatted(version(staff, mills)));
		int base = version(staff, mills);
		long open = staff.put(mills, """
				{"mode":"WEB_ONLY","justification":"after the exams","baseVersion":%d}""".formatted(base))
			.json()
			.get("id")
			.asLong();
		Api.Response again = staff.put(mills, """
				{"mode":"OPEN","justification":"after the exams, everything","baseVersion":%d}""".formatted(base));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.json().get("openRequest").asLong()).isEqualTo(open);
		assertThat(again.json().get("message").asString()).contains("change " + open);
		// Someone else may still ask.
		Api.Response other = otherStaff.put(mills, """
				{"mode":"OPEN","justification":"research project","baseVersion":%d}""".formatted(base));
		assertThat(other.status()).isEqualTo(202);
		Api.Response replaced = staff.put(mills, """
				{"mode":"OPEN","justification":"after the exams, everything","baseVersion":%d,"replaces":%d}"""
			.formatted(base, open));
		assertThat(replaced.status()).isEqualTo(202);
		assertThat(staff.get("/api/v1/change-requests/" + open).json().get("state").asString()).isEqualTo("withdrawn");
	}

	@Test
	void webOnlyRequestedByTheHubAdminIsAppliedAfterStaffApproval() {
		int base = version(ada, MTU);
		Api.Response filed = ada.put(MTU, """
				{"mode":"WEB_ONLY","justification":"students install packages from PyPI","baseVersion":%d}"""
			.formatted(base));
		assertThat(filed.status()).isEqualTo(202);
		assertThat(filed.json().get("state").asString()).isEqualTo("pending");
		assertThat(filed.json().get("widensAccess").asBoolean()).isTrue();
		long id = filed.json().get("id").asLong();

		assertThat(ada.post("/api/v1/change-requests/" + id + "/approve", null).status()).as("not staff")
			.isEqualTo(403);
		Api.Response approved = staff.post("/api/v1/change-requests/" + id + "/approve", null);
		assertThat(approved.status()).isEqualTo(200);
		assertThat(approved.json().get("appliedVersion").asInt()).isEqualTo(base + 1);

		Eventually.within(Duration.ofSeconds(5), "hubguard-egress applied to 2i2c/mtu",
				() -> egressPolicy("2i2c", "mtu") != null
						&& ("" + (base + 1)).equals(egressPolicy("2i2c", "mtu").getMetadata()
							.getAnnotations()
							.get("hubguard.dev/desired-version")));
		NetworkPolicy applied = egressPolicy("2i2c", "mtu");
		assertThat(applied.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "hubguard");
		assertThat(applied.getSpec().getPodSelector().getMatchLabels()).containsEntry("component", "singleuser-server")
			.containsEntry("release", "mtu");
		assertThat(applied.getSpec().getEgress())
			.extracting(
					rule -> rule.getPorts().get(0).getPort().getIntVal() + "/" + rule.getPorts().get(0).getProtocol())
			.contains("80/TCP", "443/TCP", "443/UDP");
		assertThat(applied.getSpec().getEgress().get(0).getTo().get(0).getIpBlock().getExcept())
			.contains("169.254.0.0/16", "10.0.0.0/8");

		JsonNode effective = ada.get(MTU + "/effective").json();
		assertThat(verdict(effective, "public-443").get("allowed").asBoolean()).isTrue();
		assertThat(verdict(effective, "public-443").get("policy").asString()).isEqualTo("hubguard-egress");
		assertThat(verdict(effective, "public-22").get("allowed").asBoolean()).isFalse();
		assertThat(verdict(effective, "cloud-metadata").get("allowed").asBoolean()).isFalse();
		assertThat(effective.get("chartOpensInternetBy").isNull()).isTrue();
		Eventually.within(Duration.ofSeconds(5), "status in sync",
				() -> ada.get(MTU).json().get("status").get(0).get("state").asString().equals("IN_SYNC"));
	}

	@Test
	void theEffectiveAccessAnswerHasOneRowPerAllowListEntryOnceApplied() {
		String mills = "/api/v1/hubs/cloudbank/mills/internet-access";
		int base = version(staff, mills);
		long id = staff.put(mills, """
				{"mode":"ALLOWLIST","rules":[
				  {"cidr":"203.0.113.0/24","protocol":"TCP","port":443,"reason":"journal mirror"},
				  {"cidr":"198.51.100.7","protocol":"UDP","port":53,"reason":"resolver"}],
				 "justification":"journals and a resolver","baseVersion":%d}""".formatted(base))
			.json()
			.get("id")
			.asLong();
		assertThat(otherStaff.post("/api/v1/change-requests/" + id + "/approve", null).status()).isEqualTo(200);

		Eventually.within(Duration.ofSeconds(10), "both entries reachable", () -> {
			JsonNode entries = staff.get(mills + "/effective").json().get("entries");
			return entries != null && entries.size() == 2
					&& entries.get(0).get("verdict").asString().equals("reachable")
					&& entries.get(1).get("verdict").asString().equals("reachable");
		});
		JsonNode effective = staff.get(mills + "/effective").json();
		assertThat(effective.get("entries").get(0).get("label").asString())
			.isEqualTo("203.0.113.0/24 443/TCP journal mirror");
		assertThat(effective.get("entries").get(1).get("label").asString())
			.isEqualTo("198.51.100.7/32 53/UDP resolver");
		// The report's own fields stay where they were.
		assertThat(verdict(effective, "cloud-metadata").get("allowed").asBoolean()).isFalse();
		assertThat(effective.get("hub").asString()).isEqualTo("cloudbank/mills");
	}

	@Test
	void nobodyApprovesTheirOwnRequest() {
		int base = version(staff, PROD);
		long id = staff.put(PROD, """
				{"mode":"OPEN","justification":"instructors need ssh to HPC","baseVersion":%d}""".formatted(base))
			.json()
			.get("id")
			.asLong();

		Api.Response own = staff.post("/api/v1/change-requests/" + id + "/approve", null);
		assertThat(own.status()).isEqualTo(403);
		assertThat(own.json().get("message").asString()).contains("own request");
		assertThat(otherStaff.post("/api/v1/change-requests/" + id + "/approve", null).status()).isEqualTo(200);
	}

	@Test
	void nobodyApprovesTheirOwnRequestUnderAnotherSignIn() {
		// The same person, signed in once with CILogon and once with GitHub, both staff.
		Api samByCilogon = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		Api samByGithub = Api.as(port, accounts, tokens,
				new dev.hubguard.identity.Identity(dev.hubguard.identity.Identity.Provider.GITHUB,
						dev.hubguard.support.Api.githubId("sam-staff"), "sam-staff", "sam@hubguard.example", "Sam",
						null, java.util.Set.of("hubguard-demo:staff")));
		staff.put(PROD, """
				{"mode":"BLOCKED","justification":"start closed","baseVersion":%d}""".formatted(version(staff, PROD)));
		long id = samByCilogon.put(PROD, """
				{"mode":"OPEN","justification":"my own idea","baseVersion":%d}""".formatted(version(staff, PROD)))
			.json()
			.get("id")
			.asLong();

		Api.Response viaOtherSignIn = samByGithub.post("/api/v1/change-requests/" + id + "/approve", null);

		assertThat(viaOtherSignIn.status()).isEqualTo(403);
		assertThat(viaOtherSignIn.json().get("message").asString()).contains("any of their sign-ins");
		assertThat(otherStaff.post("/api/v1/change-requests/" + id + "/approve", null).status()).isEqualTo(200);
	}

	@Test
	void nobodyApprovesTheirOwnRequestFromASignInThatCarriesNoEmail() {
		// Sam files with CILogon, then signs in with GitHub: staff by team, no email
		// claim. The roster knows both are Sam.
		Api samByGithub = Api.as(port, accounts, tokens, Api.github("sam-staff", "hubguard-demo:staff"));
		staff.put(PROD, """
				{"mode":"BLOCKED","justification":"start closed","baseVersion":%d}""".formatted(version(staff, PROD)));
		long id = staff.put(PROD, """
				{"mode":"OPEN","justification":"my own idea","baseVersion":%d}""".formatted(version(staff, PROD)))
			.json()
			.get("id")
			.asLong();

		Api.Response viaGithub = samByGithub.post("/api/v1/change-requests/" + id + "/approve", null);

		assertThat(viaGithub.status()).isEqualTo(403);
		assertThat(viaGithub.json().get("message").asString()).contains("own request");
		assertThat(staff.get("/api/v1/change-requests/" + id).json().get("state").asString()).isEqualTo("pending");
		assertThat(otherStaff.post("/api/v1/change-requests/" + id + "/approve", null).status()).isEqualTo(200);
	}

	@Test
	void staffSignedInWithAnIdentityNotOnTheRosterCommentAndRejectButDoNotApprove() {
		Api unlisted = Api.as(port, accounts, tokens, Api.github("unlisted-staff", "hubguard-demo:staff"));
		staff.put(PROD, """
				{"mode":"BLOCKED","justification":"start closed","baseVersion":%d}""".formatted(version(staff, PROD)));
		long id = staff.put(PROD, """
				{"mode":"OPEN","justification":"workshop","baseVersion":%d}""".formatted(version(staff, PROD)))
			.json()
			.get("id")
			.asLong();

		Api.Response approval = unlisted.post("/api/v1/change-requests/" + id + "/approve", null);

		assertThat(approval.status()).isEqualTo(403);
		assertThat(approval.json().get("message").asString()).contains("staff roster");
		assertThat(unlisted.post("/api/v1/change-requests/" + id + "/comments", "{\"body\":\"looks fine to me\"}")
			.status()).isEqualTo(200);
		assertThat(staff.get("/api/v1/change-requests/" + id).json().get("state").asString()).isEqualTo("pending");
		assertThat(unlisted.post("/api/v1/change-requests/" + id + "/reject", "{\"note\":\"not this week\"}")
			.json()
			.get("state")
			.asString()).isEqualTo("rejected");
	}

	@Test
	void aChangeThatOnlyReducesExposureIsAppliedAtOnce() {
		int base = version(staff, PROD);
		long open = staff.put(PROD, """
				{"mode":"OPEN","justification":"baseline","baseVersion":%d}""".formatted(base))
			.json()
			.get("id")
			.asLong();
		otherStaff.post("/api/v1/change-requests/" + open + "/approve", null);

		Api.Response blocked = staff.put(PROD, """
				{"mode":"BLOCKED","justification":"mining incident","baseVersion":%d}""".formatted(base + 1));

		assertThat(blocked.status()).isEqualTo(202);
		assertThat(blocked.json().get("state").asString()).isEqualTo("approved");
		assertThat(blocked.json().get("widensAccess").asBoolean()).isFalse();
		assertThat(version(staff, PROD)).isEqualTo(base + 2);
	}

	@Test
	void aProtocolTheApprovedAllowListNeverOpenedWaitsForReview() {
		int base = version(staff, PROD);
		long dns = staff.put(PROD, """
				{"mode":"ALLOWLIST","rules":[{"cidr":"8.8.8.0/24","protocol":"ANY","port":53,"reason":"resolver"}],
				 "justification":"DNS only","baseVersion":%d}""".formatted(base)).json().get("id").asLong();
		otherStaff.post("/api/v1/change-requests/" + dns + "/approve", null);

		Api.Response sctp = staff.put(PROD, """
				{"mode":"ALLOWLIST","rules":[{"cidr":"8.8.8.0/24","protocol":"SCTP","port":53,"reason":"resolver"}],
				 "justification":"same port","baseVersion":%d}""".formatted(base + 1));

		assertThat(sctp.status()).isEqualTo(202);
		assertThat(sctp.json().get("state").asString()).isEqualTo("pending");
		assertThat(sctp.json().get("widensAccess").asBoolean()).isTrue();
		assertThat(version(staff, PROD)).isEqualTo(base + 1);
	}

	@Test
	void aRequestBasedOnAnOlderVersionMustBeRebasedBeforeApproval() {
		int base = version(staff, PROD);
		// Another person's request is approved first (one person keeps one open request).
		long first = otherStaff.put(PROD, """
				{"mode":"WEB_ONLY","justification":"first","baseVersion":%d}""".formatted(base))
			.json()
			.get("id")
			.asLong();
		long second = staff.put(PROD, """
				{"mode":"OPEN","justification":"second","baseVersion":%d}""".formatted(base)).json().get("id").asLong();
		staff.post("/api/v1/change-requests/" + first + "/approve", null);

		Api.Response stale = otherStaff.post("/api/v1/change-requests/" + second + "/approve", null);
		assertThat(stale.status()).isEqualTo(409);
		assertThat(stale.json().get("message").asString()).contains("rebase");
		assertThat(otherStaff.post("/api/v1/change-requests/" + second + "/rebase", null).status()).as("not the author")
			.isEqualTo(403);
		assertThat(staff.post("/api/v1/change-requests/" + second + "/rebase", null).status()).isEqualTo(200);
		assertThat(otherStaff.post("/api/v1/change-requests/" + second + "/approve", null).status()).isEqualTo(200);
	}

	@Test
	void rejectionNeedsAReasonAndWithdrawalIsForTheAuthor() {
		staff.put(PROD, """
				{"mode":"BLOCKED","justification":"start closed","baseVersion":%d}""".formatted(version(staff, PROD)));
		long id = staff.put(PROD, """
				{"mode":"OPEN","justification":"maybe","baseVersion":%d}""".formatted(version(staff, PROD)))
			.json()
			.get("id")
			.asLong();

		assertThat(otherStaff.post("/api/v1/change-requests/" + id + "/reject", "{}").status()).isEqualTo(400);
		assertThat(otherStaff.post("/api/v1/change-requests/" + id + "/withdraw", null).status()).isEqualTo(403);
		assertThat(staff.post("/api/v1/change-requests/" + id + "/withdraw", null).json().get("state").asString())
			.isEqualTo("withdrawn");
		assertThat(otherStaff.post("/api/v1/change-requests/" + id + "/approve", null).status()).isEqualTo(409);
	}

	@Test
	void anotherHubsAdminCannotSeeOrTouchThisHubsAccessOrRequests() {
		long id = ada.put(MTU, """
				{"mode":"BLOCKED","justification":"exam week","baseVersion":%d}""".formatted(version(ada, MTU)))
			.json()
			.get("id")
			.asLong();

		assertThat(bo.get(MTU).status()).isEqualTo(403);
		assertThat(bo.get(MTU + "/effective").status()).isEqualTo(403);
		assertThat(bo.put(MTU, "{\"mode\":\"OPEN\",\"justification\":\"x\"}").status()).isEqualTo(403);
		assertThat(bo.get("/api/v1/change-requests/" + id).status()).isEqualTo(404);
		assertThat(bo.post("/api/v1/change-requests/" + id + "/withdraw", null).status()).isEqualTo(404);
		assertThat(bo.get("/api/v1/change-requests").body()).doesNotContain("2i2c/mtu");
		assertThat(bo.get("/api/v1/audit?hub=2i2c/mtu").body()).isEqualTo("[]");
	}

	static JsonNode verdict(JsonNode report, String key) {
		for (JsonNode row : report.get("verdicts")) {
			if (row.get("destination").asString().equals(key)) {
				return row;
			}
		}
		throw new AssertionError("no verdict for " + key);
	}

}
