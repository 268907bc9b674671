package dev.hubguard.isolation;

import dev.hubguard.cluster.ClusterWatches;
import dev.hubguard.cluster.Watch;
import dev.hubguard.egress.EgressWatches;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What the isolation checks read of each cluster, whole (these kinds are few); the
 * NetworkPolicies and DaemonSets are internet access's stores, the user pods the cluster
 * layer's. The probe's own pods carry the user servers' labels but are none.
 */
@Component
public final class IsolationWatches implements ClusterWatches {

	/** Marks the isolation probe's short-lived pods, which are not user servers. */
	public static final String PROBE_LABEL = "hubguard.dev/probe";

	static final Watch SERVICE_ACCOUNTS = Watch.all(ServiceAccount.class);

	static final Watch ROLES = Watch.all(Role.class);

	static final Watch ROLE_BINDINGS = Watch.all(RoleBinding.class);

	static final Watch CLUSTER_ROLE_BINDINGS = Watch.all(ClusterRoleBinding.class);

	static final Watch DEPLOYMENTS = Watch.all(Deployment.class);

	static final Watch STATEFUL_SETS = Watch.all(StatefulSet.class);

	static final Watch SERVICES = Watch.all(Service.class);

	static final Watch INGRESSES = Watch.all(Ingress.class);

	@Override
	public List<Watch> watches() {
		return List.of(EgressWatches.POLICIES, EgressWatches.DAEMON_SETS, SERVICE_ACCOUNTS, ROLES, ROLE_BINDINGS,
				CLUSTER_ROLE_BINDINGS, DEPLOYMENTS, STATEFUL_SETS, SERVICES, INGRESSES);
	}

	@Override
	public Set<String> notUserPods() {
		return Set.of(PROBE_LABEL);
	}

}
