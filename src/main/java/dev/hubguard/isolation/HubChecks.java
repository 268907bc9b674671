package dev.hubguard.isolation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks of the hub's own objects, and of what the cluster exposes beside it. */
final class HubChecks {

	private HubChecks() {
	}

	static List<Finding> check(HubFacts facts) {
		return List.of(rbac(facts), slim(facts), https(facts), sourceRanges(facts), Checks.SUBDOMAINS
			.unknown("subdomain_host is set in the hub's own configuration Secret, " + "which Hubguard does not read."),
				dashboard(facts));
	}

	private static boolean named(List<? extends HasMetadata> objects, String name) {
		return objects.stream().anyMatch(o -> name.equals(o.getMetadata().getName()));
	}

	private static Finding rbac(HubFacts facts) {
		List<String> missing = new ArrayList<>();
		if (!named(facts.serviceAccounts(), "hub")) {
			missing.add("ServiceAccount " + facts.namespace() + "/hub");
		}
		if (!named(facts.roles(), "hub")) {
			missing.add("Role " + facts.namespace() + "/hub");
		}
		if (facts.roleBindings()
			.stream()
			.noneMatch(b -> "hub".equals(b.getMetadata().getName())
					&& facts.namespace().equals(b.getMetadata().getNamespace()))) {
			missing.add("RoleBinding " + facts.namespace() + "/hub");
		}
		if (missing.isEmpty()) {
			return Checks.HUB_RBAC
				.pass("ServiceAccount, Role and RoleBinding hub are present in " + facts.namespace() + ".");
		}
		return Checks.HUB_RBAC.result(Result.FAIL, List.of("Missing: " + String.join(", ", missing) + "."), missing);
	}

	private static Optional<Deployment> deployment(HubFacts facts, String name) {
		return facts.deployments()
			.stream()
			.filter(d -> facts.namespace().equals(d.getMetadata().getNamespace())
					&& name.equals(d.getMetadata().getName()))
			.findFirst();
	}

	private static Finding slim(HubFacts facts) {
		Optional<Deployment> hub = deployment(facts, "hub");
		if (hub.isEmpty()) {
			return Checks.SLIM.unknown("No Deployment hub in " + facts.namespace() + ".");
		}
		String image = hub.get()
			.getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.stream()
			.filter(c -> "hub".equals(c.getName()))
			.map(c -> c.getImage())
			.findFirst()
			.orElse("(no container named hub)");
		String evidence = "Deployment " + facts.namespace() + "/hub runs " + image + ".";
		return image.contains("-slim") ? Checks.SLIM.pass(evidence) : Checks.SLIM.result(Result.FAIL, List.of(evidence),
				List.of("Deployment " + facts.namespace() + "/hub"));
	}

	private static Finding https(HubFacts facts) {
		if (deployment(facts, "autohttps").isPresent()) {
			return Checks.HTTPS.pass("Deployment " + facts.namespace() + "/autohttps terminates TLS (proxy.https).");
		}
		List<String> plain = new ArrayList<>();
		for (Ingress ingress : facts.ingresses()) {
			String name = "Ingress " + facts.namespace() + "/" + ingress.getMetadata().getName();
			if (ingress.getSpec() != null && ingress.getSpec().getTls() != null
					&& !ingress.getSpec().getTls().isEmpty()) {
				return Checks.HTTPS
					.pass(name + " has spec.tls for " + ingress.getSpec().getTls().get(0).getHosts() + ".");
			}
			plain.add(name);
		}
		String evidence = plain.isEmpty() ? "No autohttps Deployment and no Ingress in " + facts.namespace() + "."
				: "No autohttps Deployment; " + String.join(", ", plain) + " without spec.tls.";
		return Checks.HTTPS.result(Result.FAIL, List.of(evidence), plain);
	}

	private static Finding sourceRanges(HubFacts facts) {
		Optional<Service> proxy = facts.services()
			.stream()
			.filter(s -> "proxy-public".equals(s.getMetadata().getName()))
			.findFirst();
		if (proxy.isEmpty() || proxy.get().getSpec() == null) {
			return Checks.SOURCE_RANGES.pass("No Service proxy-public in " + facts.namespace() + ".");
		}
		String name = "Service " + facts.namespace() + "/proxy-public";
		if (!"LoadBalancer".equals(proxy.get().getSpec().getType())) {
			return Checks.SOURCE_RANGES
				.pass(name + " is of type " + proxy.get().getSpec().getType() + ", not a load balancer.");
		}
		List<String> ranges = proxy.get().getSpec().getLoadBalancerSourceRanges();
		if (ranges == null || ranges.isEmpty()) {
			// A hub is usually meant to be reached from anywhere: say that this is
			// normal,
			// and how to narrow it when it is not.
			return Checks.SOURCE_RANGES.pass(name + " is a public load balancer, normal for a public hub;"
					+ " restrict with proxy.service.loadBalancerSourceRanges.");
		}
		return Checks.SOURCE_RANGES.pass(name + " is a load balancer limited to " + ranges + ".");
	}

	static final List<Map.Entry<String, String>> DASHBOARD_LABELS = List
		.of(Map.entry("k8s-app", "kubernetes-dashboard"), Map.entry("app.kubernetes.io/name", "kubernetes-dashboard"));

	private static Finding dashboard(HubFacts facts) {
		List<String> found = facts.deployments()
			.stream()
			.filter(d -> "kubernetes-dashboard".equals(d.getMetadata().getName()) || DASHBOARD_LABELS.stream()
				.anyMatch(label -> d.getMetadata().getLabels() != null
						&& label.getValue().equals(d.getMetadata().getLabels().get(label.getKey()))))
			.map(d -> "Deployment " + d.getMetadata().getNamespace() + "/" + d.getMetadata().getName())
			.toList();
		if (found.isEmpty()) {
			return Checks.DASHBOARD.pass("No Kubernetes Dashboard Deployment in any namespace.");
		}
		return Checks.DASHBOARD.result(Result.FAIL, List.of("Found " + String.join(", ", found) + "."), found);
	}

}
