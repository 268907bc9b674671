package dev.hubguard.isolation;

import dev.hubguard.egress.EffectiveAccessReport;
import dev.hubguard.egress.EgressPolicy;
import dev.hubguard.hub.AdminRules;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubRef;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Test data: a healthy hub {@code c/ns} on a cluster with Calico, from which each test
 * breaks one thing.
 */
final class Facts {

	static final String NS = "ns";

	List<Pod> pods = new ArrayList<>(List.of(pod("jupyter-ada", UnaryOperator.identity())));

	List<NetworkPolicy> policies = new ArrayList<>(List.of(singleuser()));

	List<ServiceAccount> accounts = new ArrayList<>(
			List.of(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder().withNewMetadata()
				.withName("hub")
				.withNamespace(NS)
				.endMetadata()
				.build()));

	List<Role> roles = new ArrayList<>(List.of(new io.fabric8.kubernetes.api.model.rbac.RoleBuilder().withNewMetadata()
		.withName("hub")
		.withNamespace(NS)
		.endMetadata()
		.build()));

	List<RoleBinding> roleBindings = new ArrayList<>(List.of(binding("hub", "ServiceAccount", "hub")));

	List<ClusterRoleBinding> clusterRoleBindings = new ArrayList<>();

	List<DaemonSet> daemonSets = new ArrayList<>(List.of(daemonSet("kube-system", "calico-node", "calico-node"),
			daemonSet("support", "cryptnono", "execwhacker")));

	List<Deployment> deployments = new ArrayList<>(List.of(
			deployment(NS, "hub", "quay.io/jupyterhub/k8s-hub-slim:4.1.0"), deployment(NS, "autohttps", "traefik:v3"),
			deployment("support", "prometheus-server", "prometheus", Map.of("app.kubernetes.io/name", "prometheus"))));

	List<StatefulSet> statefulSets = new ArrayList<>();

	List<Service> services = new ArrayList<>();

	List<Ingress> ingresses = new ArrayList<>();

	List<Pod> cryptnono = new ArrayList<>(List.of(new PodBuilder().withNewMetadata()
		.withName("cryptnono-1")
		.withNamespace("support")
		.endMetadata()
		.withNewSpec()
		.withNodeName("node-1")
		.endSpec()
		.withNewStatus()
		.withPhase("Running")
		.addNewCondition()
		.withType("Ready")
		.withStatus("True")
		.endCondition()
		.endStatus()
		.build()));

	Map<String, Boolean> access = new java.util.HashMap<>(Map.of("public-443", true, "public-22", true,
			"cloud-metadata", false, "private", false, "dns", true, "hub", true));

	String allowingPolicy = "singleuser";

	EgressPolicy desired;

	boolean probeEnabled = true;

	ProbeRun probe = probeRun(ProbeRun.Outcome.ENFORCED,
			new ProbeRun.Reach("cloud-metadata", "169.254.169.254", 80, false, false, "denied"));

	static ProbeRun probeRun(ProbeRun.Outcome outcome, ProbeRun.Reach... reaches) {
		return new ProbeRun(1, "c/ns", "hubguard-probe-1", "sam", Instant.EPOCH, Instant.EPOCH, outcome,
				List.of(reaches),
				outcome == ProbeRun.Outcome.FAILED ? "The probe pod did not finish within 90 s." : null);
	}

	static Pod pod(String name, UnaryOperator<PodBuilder> change) {
		PodBuilder builder = new PodBuilder().withNewMetadata()
			.withName(name)
			.withNamespace(NS)
			.addToLabels("app", "jupyterhub")
			.addToLabels("component", "singleuser-server")
			.addToLabels("release", NS)
			.addToAnnotations("hub.jupyter.org/username", name.substring("jupyter-".length()))
			.endMetadata()
			.withNewSpec()
			.withNodeName("node-1")
			.withAutomountServiceAccountToken(false)
			.withNewSecurityContext()
			.withRunAsUser(1000L)
			.withRunAsNonRoot(true)
			.withNewSeccompProfile()
			.withType("RuntimeDefault")
			.endSeccompProfile()
			.endSecurityContext()
			.addToContainers(new ContainerBuilder().withName("notebook")
				.withNewSecurityContext()
				.withAllowPrivilegeEscalation(false)
				.withNewCapabilities()
				.withDrop("ALL")
				.endCapabilities()
				.endSecurityContext()
				.withNewResources()
				.addToLimits("memory", new Quantity("4G"))
				.addToLimits("cpu", new Quantity("2"))
				.endResources()
				.build())
			.endSpec()
			.withNewStatus()
			.withPhase("Running")
			.endStatus();
		return change.apply(builder).build();
	}

	static NetworkPolicy singleuser() {
		return new NetworkPolicyBuilder().withNewMetadata()
			.withName("singleuser")
			.withNamespace(NS)
			.endMetadata()
			.withNewSpec()
			.withNewPodSelector()
			.addToMatchLabels("component", "singleuser-server")
			.addToMatchLabels("app", "jupyterhub")
			.addToMatchLabels("release", NS)
			.endPodSelector()
			.withPolicyTypes("Ingress", "Egress")
			.endSpec()
			.build();
	}

	static RoleBinding binding(String name, String kind, String subject) {
		return new RoleBindingBuilder().withNewMetadata()
			.withName(name)
			.withNamespace(NS)
			.endMetadata()
			.addNewSubject()
			.withKind(kind)
			.withName(subject)
			.endSubject()
			.withNewRoleRef()
			.withKind("ClusterRole")
			.withName("edit")
			.endRoleRef()
			.build();
	}

	static DaemonSet daemonSet(String ns, String name, String container) {
		return new DaemonSetBuilder().withNewMetadata()
			.withName(name)
			.withNamespace(ns)
			.endMetadata()
			.withNewSpec()
			.withNewTemplate()
			.withNewSpec()
			.addNewContainer()
			.withName(container)
			.endContainer()
			.endSpec()
			.endTemplate()
			.endSpec()
			.build();
	}

	static Deployment deployment(String ns, String name, String image) {
		return deployment(ns, name, image, Map.of());
	}

	static Deployment deployment(String ns, String name, String image, Map<String, String> labels) {
		return new DeploymentBuilder().withNewMetadata()
			.withName(name)
			.withNamespace(ns)
			.withLabels(labels)
			.endMetadata()
			.withNewSpec()
			.withNewTemplate()
			.withNewSpec()
			.addNewContainer()
			.withName(name.equals("hub") ? "hub" : "main")
			.withImage(image)
			.endContainer()
			.endSpec()
			.endTemplate()
			.endSpec()
			.build();
	}

	static <T extends HasMetadata> List<T> without(List<T> objects, String name) {
		return new ArrayList<>(objects.stream().filter(o -> !o.getMetadata().getName().equals(name)).toList());
	}

	HubFacts build() {
		CatalogueHub hub = new CatalogueHub(new HubRef("c", NS), NS, NS, "https://ns.example", "github",
				new AdminRules(List.of(), List.of(), null, List.of()));
		List<EffectiveAccessReport.Row> rows = new ArrayList<>();
		access.forEach((key, allowed) -> rows.add(new EffectiveAccessReport.Row(key, "destination " + key, allowed,
				allowed ? allowingPolicy : null, allowed ? "egress rule 1" : null, allowed ? "allowed" : "denied")));
		EffectiveAccessReport report = new EffectiveAccessReport("c/ns", rows, null, null, "Calico", null,
				Instant.EPOCH);
		return new HubFacts(hub, pods, policies, accounts, roles, roleBindings, clusterRoleBindings, daemonSets,
				deployments, statefulSets, services, ingresses, cryptnono, report, desired, probeEnabled, probe);
	}

	Map<String, Result> results() {
		return IsolationChecks.evaluate(build(), List.of(), null, Instant.EPOCH).results();
	}

	Finding finding(String id) {
		return IsolationChecks.evaluate(build(), List.of(), null, Instant.EPOCH)
			.findings()
			.stream()
			.filter(f -> f.id().equals(id))
			.findFirst()
			.orElseThrow();
	}

}
