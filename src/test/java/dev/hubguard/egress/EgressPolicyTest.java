package dev.hubguard.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubguard.hub.AdminRules;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubRef;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class EgressPolicyTest {

	static final CatalogueHub HUB = new CatalogueHub(new HubRef("2i2c", "mtu"), "mtu", "mtu", null, "cilogon",
			AdminRules.none());

	static EgressPolicy policy(AccessMode mode, boolean allowPrivate, AllowRule... rules) {
		return EgressPolicyValidator.validate(mode, allowPrivate, List.of(rules));
	}

	static AllowRule rule(String cidr, String protocol, Integer port) {
		return new AllowRule(cidr, protocol, port, null, "because");
	}

	@Test
	void narrowingIsRecognisedAndWideningIsNot() {
		EgressPolicy open = policy(AccessMode.OPEN, false);
		EgressPolicy web = policy(AccessMode.WEB_ONLY, false);
		EgressPolicy blocked = policy(AccessMode.BLOCKED, false);
		EgressPolicy journal = policy(AccessMode.ALLOWLIST, false, rule("203.0.113.0/24", "TCP", 443));

		assertThat(web.widens(open)).isFalse();
		assertThat(blocked.widens(web)).isFalse();
		assertThat(journal.widens(web)).as("443 to a subset of the internet").isFalse();
		assertThat(open.widens(web)).isTrue();
		assertThat(web.widens(journal)).isTrue();
		assertThat(web.widens(null)).as("first managed policy adds access").isTrue();
		assertThat(blocked.widens(null)).isFalse();
		assertThat(policy(AccessMode.WEB_ONLY, true).widens(web)).as("private addresses added").isTrue();
	}

	static AllowRule rule(String cidr, String protocol, Integer port, Integer endPort) {
		return new AllowRule(cidr, protocol, port, endPort, "because");
	}

	@Test
	void aProtocolTheOldPolicyNeverRenderedWidensOnTheSamePortAndRange() {
		// ANY with a port renders as TCP and UDP: SCTP 53 was never open.
		EgressPolicy dns = policy(AccessMode.ALLOWLIST, false, rule("8.8.8.0/24", "ANY", 53));

		assertThat(policy(AccessMode.ALLOWLIST, false, rule("8.8.8.0/24", "SCTP", 53)).widens(dns)).isTrue();
		assertThat(policy(AccessMode.ALLOWLIST, false, rule("8.8.8.8", "UDP", 53)).widens(dns)).isFalse();
		assertThat(policy(AccessMode.ALLOWLIST, false, rule("8.8.8.0/24", "SCTP", 53))
			.widens(policy(AccessMode.ALLOWLIST, false, rule("8.8.8.0/24", "ANY", null))))
			.as("all ports of ANY render as every protocol")
			.isFalse();
		assertThat(policy(AccessMode.ALLOWLIST, false, rule("8.8.8.0/24", "SCTP", 53))
			.widens(policy(AccessMode.OPEN, false))).isFalse();
		assertThat(policy(AccessMode.ALLOWLIST, false, rule("8.8.8.0/24", "SCTP", 53))
			.widens(policy(AccessMode.WEB_ONLY, false))).isTrue();
	}

	@Test
	void whatSeveralOldEntriesCoverTogetherIsNotAWidening() {
		EgressPolicy halves = policy(AccessMode.ALLOWLIST, false, rule("203.0.113.0/25", "TCP", 443),
				rule("203.0.113.128/25", "TCP", 443));
		EgressPolicy ranges = policy(AccessMode.ALLOWLIST, false, rule("203.0.113.0/24", "TCP", 1000, 2000),
				rule("203.0.113.0/24", "TCP", 2001, 3000));

		assertThat(policy(AccessMode.ALLOWLIST, false, rule("203.0.113.0/24", "TCP", 443)).widens(halves)).isFalse();
		assertThat(policy(AccessMode.ALLOWLIST, false, rule("203.0.113.0/24", "TCP", 1500, 2500)).widens(ranges))
			.isFalse();
		assertThat(policy(AccessMode.ALLOWLIST, false, rule("203.0.113.0/24", "TCP", 1500, 3001)).widens(ranges))
			.isTrue();
		assertThat(policy(AccessMode.ALLOWLIST, false, rule("203.0.112.0/23", "TCP", 443)).widens(halves)).isTrue();
	}

	@Test
	void turningOnPrivateAddressesAlwaysWidensEvenUnderAnOpenRange() {
		assertThat(policy(AccessMode.OPEN, true).widens(policy(AccessMode.OPEN, false))).isTrue();
		assertThat(policy(AccessMode.ALLOWLIST, true, rule("0.0.0.0/0", "ANY", null))
			.widens(policy(AccessMode.ALLOWLIST, false, rule("0.0.0.0/0", "ANY", null)))).isTrue();
		assertThat(policy(AccessMode.OPEN, true).widens(policy(AccessMode.OPEN, true))).isFalse();
	}

	@Test
	void privateAndMetadataIpv6RangesAreGuardedLikeTheirIpv4Counterparts() {
		assertThatThrownBy(() -> policy(AccessMode.ALLOWLIST, false, rule("fd00::/8", "TCP", 443)))
			.hasMessageContaining("turn on private addresses");
		assertThatThrownBy(() -> policy(AccessMode.ALLOWLIST, true, rule("fd00:ec2::254", "TCP", 80)))
			.hasMessageContaining("metadata");
		assertThatThrownBy(() -> policy(AccessMode.ALLOWLIST, true, rule("fe80::/64", "TCP", 80)))
			.hasMessageContaining("link-local");
		NetworkPolicy open = EgressRenderer.render(HUB, policy(AccessMode.OPEN, true), 1);
		assertThat(open.getSpec().getEgress().get(1).getTo().get(0).getIpBlock().getCidr()).isEqualTo("::/0");
		assertThat(open.getSpec().getEgress().get(1).getTo().get(0).getIpBlock().getExcept())
			.contains("fd00:ec2::254/128");
	}

	@Test
	void rendersTheHubsUserServersSelectorOwnershipAndExceptions() {
		NetworkPolicy rendered = EgressRenderer.render(HUB, policy(AccessMode.WEB_ONLY, false), 3);

		assertThat(rendered.getMetadata().getName()).isEqualTo("hubguard-egress");
		assertThat(rendered.getMetadata().getNamespace()).isEqualTo("mtu");
		assertThat(rendered.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "hubguard");
		assertThat(rendered.getMetadata().getAnnotations()).containsEntry("hubguard.dev/desired-version", "3");
		assertThat(rendered.getSpec().getPolicyTypes()).containsExactly("Egress");
		assertThat(rendered.getSpec().getPodSelector().getMatchLabels()).containsEntry("component", "singleuser-server")
			.containsEntry("release", "mtu");
		assertThat(rendered.getSpec().getEgress()).hasSize(6);
		assertThat(rendered.getSpec().getEgress().get(0).getTo().get(0).getIpBlock().getExcept()).containsExactly(
				"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
				"192.168.0.0/16");
	}

	@Test
	void renderingIsPureAndBlockedHasNoRules() {
		EgressPolicy blocked = policy(AccessMode.BLOCKED, false);

		assertThat(EgressRenderer.render(HUB, blocked, 1)).isEqualTo(EgressRenderer.render(HUB, blocked, 1));
		assertThat(EgressRenderer.render(HUB, blocked, 1).getSpec().getEgress()).isEmpty();
	}

	@Test
	void theRenderedPolicyGivesTheVerdictsItPromises() {
		NetworkPolicy chart = dev.hubguard.demo.Z2jhObjects.singleuserPolicy("mtu", false);
		NetworkPolicy ours = EgressRenderer.render(HUB,
				policy(AccessMode.ALLOWLIST, false, rule("0.0.0.0/0", "TCP", 22)), 1);

		List<Verdict> verdicts = EgressEvaluator.evaluate(List.of(chart, ours), "mtu",
				StandardProbes.singleuserPodLabels("mtu"), StandardProbes.forHub("mtu", "mtu"));

		assertThat(verdicts).filteredOn(v -> v.allowed())
			.extracting(v -> v.destination().key())
			.containsExactlyInAnyOrder("public-22", "dns", "hub");
	}

	@Test
	void theAllowListTextRoundTrips() {
		List<AllowRule> rules = AllowListText.parse("""
				# journals
				203.0.113.0/24 443/tcp journal mirror
				198.51.100.7 8000-8100/tcp dask dashboards
				2001:db8::/32 all ipv6 lab network
				""");

		assertThat(rules).hasSize(3);
		assertThat(rules.get(1).endPort()).isEqualTo(8100);
		assertThat(rules.get(2).protocol()).isEqualTo("ANY");
		assertThat(AllowListText.parse(AllowListText.format(rules))).isEqualTo(rules);
	}

}
