package dev.hubguard.isolation;

import dev.hubguard.egress.EffectiveAccessReport;
import dev.hubguard.egress.EgressPolicy;
import dev.hubguard.hub.CatalogueHub;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;

/**
 * Everything the checks read about one hub, taken from its cluster's cache: the hub's
 * namespace ({@code userPods}, {@code policies}, {@code serviceAccounts}, {@code roles},
 * {@code services}, {@code ingresses}) and the whole cluster (the rest).
 *
 * @param access the effective-access verdicts of the hub's user servers
 * @param desired the hub's desired internet access in Hubguard, or null when unmanaged
 * @param probeEnabled whether the active network probe is on for the hub's cluster
 * @param probe the latest probe run, or null
 */
public record HubFacts(CatalogueHub hub, List<Pod> userPods, List<NetworkPolicy> policies,
		List<ServiceAccount> serviceAccounts, List<Role> roles, List<RoleBinding> roleBindings,
		List<ClusterRoleBinding> clusterRoleBindings, List<DaemonSet> daemonSets, List<Deployment> deployments,
		List<StatefulSet> statefulSets, List<Service> services, List<Ingress> ingresses, List<Pod> cryptnonoPods,
		EffectiveAccessReport access, EgressPolicy desired, boolean probeEnabled, ProbeRun probe) {

	String namespace() {
		return hub.namespace();
	}

}
