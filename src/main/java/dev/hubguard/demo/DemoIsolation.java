package dev.hubguard.demo;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * What the isolation checks read in the demo: nodes, the hubs' RBAC, Deployments and
 * Services, Prometheus, and user pods hardened as a careful provider configures
 * KubeSpawner, except for the seeded weaknesses: on {@code hhmi/binder} user servers run
 * as root with a bound service-account token; {@code cloudbank} runs flannel (no
 * NetworkPolicy controller, so it keeps the iptables init container); the chart policy of
 * {@code nasa-cryo/staging} allows the metadata server; {@code 2i2c/staging} sets no
 * memory limit.
 */
final class DemoIsolation {

	static final String USER_NODE = "user-pool-1";

	private DemoIsolation() {
	}

	/** A user server as the demo's providers spawn it on this cluster and hub. */
	static Pod userPod(String cluster, String hub, String username) {
		Pod pod = Z2jhObjects.userPod(hub, username);
		boolean root = cluster.equals("hhmi") && hub.equals("binder");
		PodBuilder built = new PodBuilder(pod).editSpec()
			.withNodeName(cluster + "-" + USER_NODE)
			.withAutomountServiceAccountToken(root ? null : false)
			.withServiceAccountName(root ? "binder-user" : null)
			.withNewSecurityContext()
			.withRunAsUser(root ? 0L : 1000L)
			.withRunAsNonRoot(root ? null : true)
			.withFsGroup(100L)
			.withNewSeccompProfile()
			.withType("RuntimeDefault")
			.endSeccompProfile()
			.endSecurityContext()
			.editFirstContainer()
			.withNewSecurityContext()
			.withAllowPrivilegeEscalation(false)
			.withNewCapabilities()
			.withDrop("ALL")
			.endCapabilities()
			.endSecurityContext()
			.withNewResources()
			.addToLimits("cpu", new Quantity("2"))
			.addToRequests("memory", new Quantity("1G"))
			.endResources()
			.endContainer()
			.endSpec();
		if (!(cluster.equals("2i2c") && hub.equals("staging"))) {
			built.editSpec()
				.editFirstContainer()
				.editResources()
				.addToLimits("memory", new Quantity("4G"))
				.endResources()
				.endContainer()
				.endSpec();
		}
		if (cluster.equals("cloudbank")) {
			// No NetworkPolicy controller: the chart's iptables rule is the only block.
			built.editSpec()
				.addNewInitContainer()
				.withName("block-cloud-metadata")
				.withImage("quay.io/jupyterhub/k8s-network-tools:4.1.0")
				.withNewSecurityContext()
				.withPrivileged(true)
				.withRunAsUser(0L)
				.withNewCapabilities()
				.withAdd("NET_ADMIN")
				.endCapabilities()
				.endSecurityContext()
				.endInitContainer()
				.endSpec();
		}
		return built.build();
	}

	static void seed(KubernetesClient client, DemoHubs.DemoCluster cluster) {
		String name = cluster.name();
		client.nodes()
			.resource(new NodeBuilder().withNewMetadata().withName(name + "-core-pool-1").endMetadata().build())
			.create();
		client.nodes()
			.resource(new NodeBuilder().withNewMetadata().withName(name + "-" + USER_NODE).endMetadata().build())
			.create();
		client.apps()
			.deployments()
			.inNamespace("support")
			.resource(deployment("support", "prometheus-server",
					Map.of("app.kubernetes.io/name", "prometheus", "app.kubernetes.io/component", "server"), "server",
					"quay.io/prometheus/prometheus:v3.1.0"))
			.create();
		if (name.equals("cloudbank")) {
			client.namespaces().resource(Z2jhObjects.namespace("kube-flannel")).create();
			client.apps()
				.daemonSets()
				.inNamespace("kube-flannel")
				.resource(new DaemonSetBuilder().withNewMetadata()
					.withName("kube-flannel-ds")
					.withNamespace("kube-flannel")
					.endMetadata()
					.withNewSpec()
					.withNewSelector()
					.addToMatchLabels("app", "flannel")
					.endSelector()
					.withNewTemplate()
					.withNewMetadata()
					.addToLabels("app", "flannel")
					.endMetadata()
					.withNewSpec()
					.addNewContainer()
					.withName("kube-flannel")
					.withImage("ghcr.io/flannel-io/flannel:v0.26.1")
					.endContainer()
					.endSpec()
					.endTemplate()
					.endSpec()
					.build())
				.create();
		}
		for (DemoHubs.DemoHub hub : cluster.hubs()) {
			hubObjects(client, hub.name());
		}
		if (name.equals("hhmi")) {
			boundAccount(client, "binder");
		}
		if (name.equals("nasa-cryo")) {
			metadataOpen(client, "staging");
		}
	}

	/** Places cryptnono's agents on the user node, where the kubelet would run them. */
	static void placeAgents(InMemoryCluster cluster) {
		try (KubernetesClient client = cluster.client()) {
			for (Pod agent : client.pods()
				.inNamespace("support")
				.withLabel("app.kubernetes.io/name", "cryptnono")
				.list()
				.getItems()) {
				client.pods()
					.inNamespace("support")
					.resource(new PodBuilder(agent).editSpec()
						.withNodeName(cluster.name() + "-" + USER_NODE)
						.endSpec()
						.build())
					.update();
			}
		}
	}

	private static void hubObjects(KubernetesClient client, String ns) {
		client.serviceAccounts()
			.inNamespace(ns)
			.resource(new ServiceAccountBuilder().withNewMetadata()
				.withName("hub")
				.withNamespace(ns)
				.endMetadata()
				.build())
			.create();
		client.rbac()
			.roles()
			.inNamespace(ns)
			.resource(new RoleBuilder().withNewMetadata()
				.withName("hub")
				.withNamespace(ns)
				.endMetadata()
				.addNewRule()
				.withApiGroups("")
				.withResources("pods", "persistentvolumeclaims", "secrets", "services")
				.withVerbs("get", "watch", "list", "create", "delete")
				.endRule()
				.build())
			.create();
		client.rbac()
			.roleBindings()
			.inNamespace(ns)
			.resource(new RoleBindingBuilder().withNewMetadata()
				.withName("hub")
				.withNamespace(ns)
				.endMetadata()
				.addNewSubject()
				.withKind("ServiceAccount")
				.withName("hub")
				.withNamespace(ns)
				.endSubject()
				.withNewRoleRef()
				.withApiGroup("rbac.authorization.k8s.io")
				.withKind("Role")
				.withName("hub")
				.endRoleRef()
				.build())
			.create();
		Map<String, String> labels = Map.of("app", "jupyterhub", "release", ns);
		client.apps()
			.deployments()
			.inNamespace(ns)
			.resource(deployment(ns, "hub", labels, "hub", "quay.io/jupyterhub/k8s-hub-slim:4.1.0"))
			.create();
		client.apps()
			.deployments()
			.inNamespace(ns)
			.resource(deployment(ns, "autohttps", labels, "traefik", "traefik:v3.2.0"))
			.create();
		client.services()
			.inNamespace(ns)
			.resource(new ServiceBuilder().withNewMetadata()
				.withName("proxy-public")
				.withNamespace(ns)
				.endMetadata()
				.withNewSpec()
				.withType("LoadBalancer")
				.addToSelector("component", "autohttps")
				.addNewPort()
				.withName("https")
				.withPort(443)
				.withTargetPort(new IntOrString("https"))
				.endPort()
				.endSpec()
				.build())
			.create();
	}

	private static Deployment deployment(String ns, String name, Map<String, String> labels, String container,
			String image) {
		return new DeploymentBuilder().withNewMetadata()
			.withName(name)
			.withNamespace(ns)
			.withLabels(labels)
			.endMetadata()
			.withNewSpec()
			.withNewSelector()
			.withMatchLabels(labels)
			.endSelector()
			.withNewTemplate()
			.withNewMetadata()
			.withLabels(labels)
			.endMetadata()
			.withNewSpec()
			.addNewContainer()
			.withName(container)
			.withImage(image)
			.endContainer()
			.endSpec()
			.endTemplate()
			.endSpec()
			.build();
	}

	/** binder's users get a token of an account that can edit their namespace. */
	private static void boundAccount(KubernetesClient client, String ns) {
		client.serviceAccounts()
			.inNamespace(ns)
			.resource(new ServiceAccountBuilder().withNewMetadata()
				.withName("binder-user")
				.withNamespace(ns)
				.endMetadata()
				.build())
			.create();
		client.rbac()
			.roleBindings()
			.inNamespace(ns)
			.resource(new RoleBindingBuilder().withNewMetadata()
				.withName("binder-user-edit")
				.withNamespace(ns)
				.endMetadata()
				.addNewSubject()
				.withKind("ServiceAccount")
				.withName("binder-user")
				.withNamespace(ns)
				.endSubject()
				.withNewRoleRef()
				.withApiGroup("rbac.authorization.k8s.io")
				.withKind("ClusterRole")
				.withName("edit")
				.endRoleRef()
				.build())
			.create();
		client.rbac()
			.clusterRoleBindings()
			.resource(new ClusterRoleBindingBuilder().withNewMetadata()
				.withName("binder-serviceaccounts-view")
				.endMetadata()
				.addNewSubject()
				.withKind("Group")
				.withApiGroup("rbac.authorization.k8s.io")
				.withName("system:serviceaccounts:" + ns)
				.endSubject()
				.withNewRoleRef()
				.withApiGroup("rbac.authorization.k8s.io")
				.withKind("ClusterRole")
				.withName("view")
				.endRoleRef()
				.build())
			.create();
	}

	/** {@code egressAllowRules.cloudMetadataServer: true} on this hub's chart policy. */
	private static void metadataOpen(KubernetesClient client, String ns) {
		NetworkPolicy policy = client.network().v1().networkPolicies().inNamespace(ns).withName("singleuser").get();
		NetworkPolicy open = new NetworkPolicyBuilder(policy).editSpec()
			.addToEgress(new NetworkPolicyEgressRuleBuilder().addNewTo()
				.withNewIpBlock()
				.withCidr("169.254.169.254/32")
				.endIpBlock()
				.endTo()
				.build())
			.endSpec()
			.build();
		client.network().v1().networkPolicies().inNamespace(ns).resource(open).update();
	}

}
