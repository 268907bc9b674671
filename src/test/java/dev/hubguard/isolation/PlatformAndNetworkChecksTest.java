package dev.hubguard.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.egress.AccessMode;
import dev.hubguard.egress.AllowRule;
import dev.hubguard.egress.EgressPolicy;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service-account, network, hub and platform checks, pass and fail. */
class PlatformAndNetworkChecksTest {

	@Test
	void theHealthyFixturePassesEveryScoredCheck() {
		Map<String, Result> results = new Facts().results();
		Checks.ALL.stream()
			.filter(c -> c.severity() != Severity.INFO)
			.forEach(c -> assertThat(results.get(c.id())).as(c.id()).isEqualTo(Result.PASS));
		assertThat(IsolationReport
			.score(IsolationChecks.evaluate(new Facts().build(), List.of(), null, java.time.Instant.EPOCH).findings()))
			.isEqualTo(100);
	}

	@Test
	void theProbeReachingWhatThePoliciesDenyFailsAndNoAnswerIsUnknown() {
		Facts facts = new Facts();
		facts.probe = Facts.probeRun(ProbeRun.Outcome.NOT_ENFORCED,
				new ProbeRun.Reach("cloud-metadata", "169.254.169.254", 80, true, false, "denied"));
		assertThat(facts.finding("network.probe").result()).isEqualTo(Result.FAIL);
		assertThat(facts.finding("network.probe").evidence()).anyMatch(line -> line.contains("policy not enforced"));
		facts.probe = Facts.probeRun(ProbeRun.Outcome.FAILED);
		assertThat(facts.finding("network.probe").result()).isEqualTo(Result.UNKNOWN);
		assertThat(facts.finding("network.probe").evidence().get(0)).contains("did not finish");
		facts.probe = null;
		assertThat(facts.finding("network.probe").evidence()).containsExactly("Not probed yet.");
		facts.probeEnabled = false;
		assertThat(facts.finding("network.probe").result()).isEqualTo(Result.UNKNOWN);
		assertThat(facts.finding("network.probe").evidence().get(0)).contains("off for the cluster");
	}

	@Test
	void aMountedTokenWithoutBindingsPassesAndWithBindingsFailsNamingThem() {
		Facts facts = new Facts();
		facts.pods = List.of(Facts.pod("jupyter-ada",
				p -> p.editSpec().withAutomountServiceAccountToken(null).withServiceAccountName("user-sa").endSpec()));
		facts.accounts.add(new ServiceAccountBuilder().withNewMetadata()
			.withName("user-sa")
			.withNamespace(Facts.NS)
			.endMetadata()
			.build());
		assertThat(facts.finding("user-pod.service-account-token").result()).isEqualTo(Result.PASS);
		facts.roleBindings.add(Facts.binding("sa-edit", "ServiceAccount", "user-sa"));
		facts.clusterRoleBindings.add(new ClusterRoleBindingBuilder().withNewMetadata()
			.withName("all-sa-view")
			.endMetadata()
			.addNewSubject()
			.withKind("Group")
			.withName("system:serviceaccounts")
			.endSubject()
			.withNewRoleRef()
			.withKind("ClusterRole")
			.withName("view")
			.endRoleRef()
			.build());
		facts.clusterRoleBindings.add(new ClusterRoleBindingBuilder().withNewMetadata()
			.withName("system:discovery")
			.addToLabels("kubernetes.io/bootstrapping", "rbac-defaults")
			.endMetadata()
			.addNewSubject()
			.withKind("Group")
			.withName("system:authenticated")
			.endSubject()
			.withNewRoleRef()
			.withKind("ClusterRole")
			.withName("system:discovery")
			.endRoleRef()
			.build());
		Finding finding = facts.finding("user-pod.service-account-token");
		assertThat(finding.result()).isEqualTo(Result.FAIL);
		assertThat(finding.objects()).containsExactly("RoleBinding ns/sa-edit (ClusterRole edit)",
				"ClusterRoleBinding all-sa-view (ClusterRole view)");
	}

	@Test
	void theAccountsAutomountSettingCountsWhenThePodHasNone() {
		Facts facts = new Facts();
		facts.pods = List
			.of(Facts.pod("jupyter-ada", p -> p.editSpec().withAutomountServiceAccountToken(null).endSpec()));
		facts.accounts.add(new ServiceAccountBuilder().withNewMetadata()
			.withName("default")
			.withNamespace(Facts.NS)
			.endMetadata()
			.withAutomountServiceAccountToken(false)
			.build());
		facts.roleBindings.add(Facts.binding("default-edit", "ServiceAccount", "default"));
		assertThat(facts.finding("user-pod.service-account-token").result()).isEqualTo(Result.PASS);
	}

	@Test
	void aMissingOrMisdirectedSingleuserPolicyFails() {
		Facts facts = new Facts();
		facts.policies = List.of();
		assertThat(facts.finding("network.singleuser-policy").result()).isEqualTo(Result.FAIL);
		facts.policies = List
			.of(new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder(Facts.singleuser()).editSpec()
				.editPodSelector()
				.addToMatchLabels("release", "other")
				.endPodSelector()
				.endSpec()
				.build());
		assertThat(facts.finding("network.singleuser-policy").evidence().get(0)).contains("does not select");
	}

	@Test
	void controllersAreFoundIncludingAzureAndTheAwsAgentAndOthersAreUnknownUnlessKnownNotToEnforce() {
		Facts facts = new Facts();
		facts.daemonSets = List.of(Facts.daemonSet("kube-system", "aws-node", "aws-network-policy-agent"));
		assertThat(facts.finding("network.controller").result()).isEqualTo(Result.PASS);
		facts.daemonSets = List.of(Facts.daemonSet("kube-system", "azure-npm", "azure-npm"));
		assertThat(facts.finding("network.controller").result()).isEqualTo(Result.PASS);
		facts.daemonSets = List.of(Facts.daemonSet("kube-system", "aws-node", "aws-node"));
		assertThat(facts.finding("network.controller").result()).isEqualTo(Result.FAIL);
		facts.daemonSets = List.of(Facts.daemonSet("kube-system", "some-cni", "agent"));
		assertThat(facts.finding("network.controller").result()).isEqualTo(Result.UNKNOWN);
		assertThat(facts.finding("network.private-addresses").result()).isEqualTo(Result.UNKNOWN);
	}

	@Test
	void cloudMetadataFailsWhenAPolicyAllowsItUnlessIptablesBlocksIt() {
		Facts facts = new Facts();
		facts.access.put("cloud-metadata", true);
		Finding open = facts.finding("network.cloud-metadata");
		assertThat(open.result()).isEqualTo(Result.FAIL);
		assertThat(open.objects()).containsExactly("NetworkPolicy ns/singleuser");
		facts.pods = List.of(Facts.pod("jupyter-ada", PlatformAndNetworkChecksTest::iptables));
		assertThat(facts.finding("network.cloud-metadata").result()).isEqualTo(Result.PASS);
		// With Calico enforcing, the privileged init container is a warning.
		assertThat(facts.finding("network.iptables-init-container").result()).isEqualTo(Result.WARN);
		facts.daemonSets = List.of(Facts.daemonSet("kube-flannel", "kube-flannel-ds", "kube-flannel"));
		assertThat(facts.finding("network.iptables-init-container").result()).isEqualTo(Result.PASS);
	}

	static PodBuilder iptables(PodBuilder pod) {
		return pod.editSpec().addNewInitContainer().withName("block-cloud-metadata").endInitContainer().endSpec();
	}

	@Test
	void privateAddressesFailUnlessTheDesiredPolicyAllowsThem() {
		Facts facts = new Facts();
		facts.access.put("private", true);
		assertThat(facts.finding("network.private-addresses").result()).isEqualTo(Result.FAIL);
		facts.desired = new EgressPolicy(AccessMode.OPEN, true, List.of());
		assertThat(facts.finding("network.private-addresses").result()).isEqualTo(Result.PASS);
	}

	@Test
	void internetAccessIsComparedWithTheDesiredPolicy() {
		Facts facts = new Facts();
		assertThat(facts.finding("network.internet-as-desired").result()).isEqualTo(Result.PASS);
		facts.desired = new EgressPolicy(AccessMode.WEB_ONLY, false, List.of());
		Finding open = facts.finding("network.internet-as-desired");
		assertThat(open.result()).isEqualTo(Result.FAIL);
		assertThat(open.evidence()).anySatisfy(e -> assertThat(e).contains("public-22", "desired denied"));
		facts.access.put("public-22", false);
		assertThat(facts.finding("network.internet-as-desired").result()).isEqualTo(Result.PASS);
		facts.desired = new EgressPolicy(AccessMode.ALLOWLIST, false,
				List.of(new AllowRule("1.1.1.0/24", "TCP", 443, null, "resolver")));
		assertThat(facts.finding("network.internet-as-desired").result()).isEqualTo(Result.PASS);
		facts.desired = new EgressPolicy(AccessMode.BLOCKED, false, List.of());
		assertThat(facts.finding("network.internet-as-desired").result()).isEqualTo(Result.FAIL);
	}

	@Test
	void hubRbacSlimImageAndHttps() {
		Facts facts = new Facts();
		facts.roles = List.of();
		assertThat(facts.finding("hub.rbac").objects()).containsExactly("Role ns/hub");
		facts.deployments = Facts.without(facts.deployments, "hub");
		facts.deployments.add(Facts.deployment(Facts.NS, "hub", "quay.io/jupyterhub/k8s-hub:4.1.0"));
		assertThat(facts.finding("hub.slim-image").result()).isEqualTo(Result.FAIL);
		facts.deployments = Facts.without(facts.deployments, "autohttps");
		assertThat(facts.finding("hub.https").result()).isEqualTo(Result.FAIL);
		facts.ingresses.add(new IngressBuilder().withNewMetadata()
			.withName("jupyterhub")
			.endMetadata()
			.withNewSpec()
			.addNewTl()
			.withHosts("ns.example")
			.endTl()
			.endSpec()
			.build());
		assertThat(facts.finding("hub.https").result()).isEqualTo(Result.PASS);
	}

	@Test
	void sourceRangesAreInformationalAndSubdomainsUnknown() {
		Facts facts = new Facts();
		facts.services.add(new ServiceBuilder().withNewMetadata()
			.withName("proxy-public")
			.endMetadata()
			.withNewSpec()
			.withType("LoadBalancer")
			.withLoadBalancerSourceRanges("192.0.2.0/24")
			.endSpec()
			.build());
		assertThat(facts.finding("hub.load-balancer-source-ranges").evidence().get(0)).contains("192.0.2.0/24");
		assertThat(facts.finding("hub.load-balancer-source-ranges").check().severity()).isEqualTo(Severity.INFO);
		assertThat(facts.finding("hub.user-subdomains").result()).isEqualTo(Result.UNKNOWN);
	}

	@Test
	void aDashboardInAnyNamespaceFails() {
		Facts facts = new Facts();
		facts.deployments.add(Facts.deployment("kubernetes-dashboard", "kubernetes-dashboard", "dashboard:v2"));
		assertThat(facts.finding("cluster.no-dashboard").objects())
			.containsExactly("Deployment kubernetes-dashboard/kubernetes-dashboard");
	}

	@Test
	void cryptnonoMustBeReadyOnEveryNodeWithUserPods() {
		Facts facts = new Facts();
		facts.pods = List.of(Facts.pod("jupyter-ada", p -> p.editSpec().withNodeName("node-2").endSpec()));
		assertThat(facts.finding("platform.cryptnono").objects()).containsExactly("Node node-2");
		facts.pods = List.of(Facts.pod("jupyter-ada", p -> p));
		facts.cryptnono = List.of(new PodBuilder(facts.cryptnono.get(0)).editStatus()
			.editFirstCondition()
			.withStatus("False")
			.endCondition()
			.endStatus()
			.build());
		assertThat(facts.finding("platform.cryptnono").result()).isEqualTo(Result.FAIL);
		facts.cryptnono = List.of();
		assertThat(facts.finding("platform.cryptnono").result()).isEqualTo(Result.FAIL);
	}

	@Test
	void prometheusIsFoundByItsLabelsInADeploymentOrStatefulSet() {
		Facts facts = new Facts();
		facts.deployments = Facts.without(facts.deployments, "prometheus-server");
		assertThat(facts.finding("platform.prometheus").result()).isEqualTo(Result.FAIL);
		facts.statefulSets.add(new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder().withNewMetadata()
			.withName("prometheus-k8s")
			.withNamespace("monitoring")
			.addToLabels("app.kubernetes.io/name", "prometheus")
			.endMetadata()
			.build());
		assertThat(facts.finding("platform.prometheus").result()).isEqualTo(Result.PASS);
	}

	@Test
	void knownPrivilegedSystemPodsAreShownExempt() {
		Finding finding = new Facts().finding("platform.privileged-system-pods");
		assertThat(finding.result()).isEqualTo(Result.EXEMPT);
		assertThat(finding.evidence()).hasSize(2);
	}

}
