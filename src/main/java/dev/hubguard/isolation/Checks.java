package dev.hubguard.isolation;

import java.util.List;

/**
 * Every check Hubguard runs, in the order pages show them, with the Zero to JupyterHub
 * values that fix each.
 */
public final class Checks {

	private static final String SECURITY_CONTEXT = """
			hub:
			  config:
			    KubeSpawner:
			      container_security_context:
			""";

	static final Check PRIVILEGED = new Check("user-pod.privileged", "User containers are not privileged",
			Severity.CRITICAL, "runAsPrivileged", "C-0057", "privileged (baseline)", """
					hub:
					  config:
					    KubeSpawner:
					      privileged: false
					# and no "privileged: true" in singleuser.extraContainers or singleuser.initContainers""");

	static final Check ESCALATION = new Check("user-pod.privilege-escalation", "No privilege escalation", Severity.HIGH,
			"privilegeEscalationAllowed", "C-0016", "allowPrivilegeEscalation (restricted)", """
					singleuser:
					  allowPrivilegeEscalation: false""");

	static final Check NON_ROOT = new Check("user-pod.non-root", "User containers run as non-root", Severity.HIGH,
			"runAsRootAllowed", "C-0013", "runAsNonRoot (restricted)", """
					singleuser:
					  uid: 1000
					  fsGid: 100
					""" + SECURITY_CONTEXT + """
					        runAsNonRoot: true
					# and no GRANT_SUDO / NB_UID=0 in singleuser.extraEnv""");

	static final Check CAPABILITIES = new Check("user-pod.capabilities", "No dangerous capabilities, drop ALL",
			Severity.MEDIUM, "dangerousCapabilities, insecureCapabilities", "C-0046", "capabilities (restricted)",
			SECURITY_CONTEXT + """
					capabilities:
					  drop: [ALL]""");

	static final Check HOST_NAMESPACES = new Check("user-pod.host-namespaces", "No hostNetwork, hostPID or hostIPC",
			Severity.CRITICAL, "hostNetworkSet, hostPIDSet, hostIPCSet", "C-0041, C-0038", "hostNamespaces (baseline)",
			"""
					singleuser:
					  extraPodConfig: {}   # remove hostNetwork, hostPID and hostIPC from it""");

	static final Check HOST_PATH = new Check("user-pod.host-path", "No hostPath volumes", Severity.CRITICAL,
			"hostPathSet", "C-0048", "hostPathVolumes (baseline)", """
					singleuser:
					  storage:
					    extraVolumes: []   # remove every hostPath volume (and its extraVolumeMounts entry)""");

	static final Check SECCOMP = new Check("user-pod.seccomp", "A seccomp profile (RuntimeDefault)", Severity.MEDIUM,
			"linuxHardening", "C-0055, C-0210", "seccompProfile (restricted)", SECURITY_CONTEXT + """
					seccompProfile:
					  type: RuntimeDefault""");

	static final Check MEMORY_LIMIT = new Check("user-pod.memory-limit", "Memory limits set", Severity.MEDIUM,
			"memoryLimitsMissing", "C-0271, C-0009", null, """
					singleuser:
					  memory:
					    guarantee: 1G
					    limit: 4G""");

	static final Check CPU_LIMIT = new Check("user-pod.cpu-limit", "CPU limits set", Severity.LOW, "cpuLimitsMissing",
			"C-0270, C-0009", null, """
					singleuser:
					  cpu:
					    guarantee: 0.5
					    limit: 2""");

	static final Check TOKEN = new Check("user-pod.service-account-token",
			"No service-account token with RBAC bindings in user pods", Severity.HIGH, "automountServiceAccountToken",
			"C-0034", null,
			"""
					hub:
					  config:
					    KubeSpawner:
					      automount_service_account_token: false
					# or: singleuser.serviceAccountName: null, or delete the account's RoleBindings and ClusterRoleBindings""");

	static final Check POLICY = new Check("network.singleuser-policy",
			"The chart's singleuser NetworkPolicy selects the user pods", Severity.HIGH, "missingNetworkPolicy",
			"C-0260, C-0030", null, """
					singleuser:
					  networkPolicy:
					    enabled: true""");

	static final Check CONTROLLER = new Check("network.controller", "A NetworkPolicy controller runs in the cluster",
			Severity.HIGH, null, null, null, """
					# Not a chart value: enable NetworkPolicy enforcement in the cluster
					# (GKE Dataplane V2 or Calico, EKS VPC CNI enableNetworkPolicy, AKS --network-policy, or Cilium).
					# Until then keep:
					singleuser:
					  cloudMetadata:
					    blockWithIptables: true""");

	static final Check PROBE = new Check("network.probe", "The NetworkPolicies hold when tried (active probe)",
			Severity.HIGH, null, null, null, """
					# Not a chart value: the probe reached what the policies deny, so the cluster does not enforce them.
					# Enable NetworkPolicy enforcement (GKE Dataplane V2 or Calico, EKS VPC CNI enableNetworkPolicy,
					# AKS --network-policy, or Cilium). Until then keep:
					singleuser:
					  cloudMetadata:
					    blockWithIptables: true""");

	static final Check METADATA = new Check("network.cloud-metadata", "The cloud metadata server is unreachable",
			Severity.CRITICAL, null, "C-0052", null, """
					singleuser:
					  networkPolicy:
					    egressAllowRules:
					      cloudMetadataServer: false
					  cloudMetadata:
					    blockWithIptables: true   # where no NetworkPolicy controller enforces the policy""");

	static final Check PRIVATE = new Check("network.private-addresses", "Private addresses unreachable unless intended",
			Severity.HIGH, null, null, null, """
					singleuser:
					  networkPolicy:
					    egressAllowRules:
					      privateIPs: false""");

	static final Check INTERNET = new Check("network.internet-as-desired",
			"Internet access equals the hub's desired policy", Severity.MEDIUM, null, null, null, """
					singleuser:
					  networkPolicy:
					    egressAllowRules:
					      nonPrivateIPs: false   # so that Hubguard's hubguard-egress policy decides""");

	static final Check IPTABLES = new Check("network.iptables-init-container",
			"No privileged iptables init container where a controller enforces policies", Severity.LOW, null, null,
			null, """
					singleuser:
					  cloudMetadata:
					    blockWithIptables: false""");

	static final Check HUB_RBAC = new Check("hub.rbac", "The hub's RBAC objects are present", Severity.MEDIUM, null,
			null, null, """
					rbac:
					  create: true""");

	static final Check SLIM = new Check("hub.slim-image", "The hub runs the slim image", Severity.LOW, null, null, null,
			"""
					hub:
					  image:
					    name: quay.io/jupyterhub/k8s-hub-slim""");

	static final Check HTTPS = new Check("hub.https", "HTTPS is on (autohttps or ingress TLS)", Severity.HIGH, null,
			null, null, """
					proxy:
					  https:
					    enabled: true
					    hosts: [<hub host>]
					    letsencrypt:
					      contactEmail: <email>
					# or ingress.enabled: true with ingress.tls""");

	static final Check SOURCE_RANGES = new Check("hub.load-balancer-source-ranges", "Load balancer source ranges",
			Severity.INFO, null, null, null, """
					proxy:
					  service:
					    loadBalancerSourceRanges: [<allowed CIDRs>]""");

	static final Check SUBDOMAINS = new Check("hub.user-subdomains", "Users' servers on their own subdomains",
			Severity.INFO, null, null, null, """
					hub:
					  config:
					    JupyterHub:
					      subdomain_host: <hub domain>   # needs a wildcard DNS name and certificate""");

	static final Check DASHBOARD = new Check("cluster.no-dashboard", "No Kubernetes Dashboard in the cluster",
			Severity.HIGH, null, null, null, """
					# Not a chart value: remove the Dashboard, e.g.
					# helm uninstall kubernetes-dashboard -n kubernetes-dashboard""");

	static final Check CRYPTNONO = new Check("platform.cryptnono",
			"cryptnono runs and is ready on every node with user pods", Severity.MEDIUM, null, null, null, """
					# Not a Z2JH value: install the cryptnono chart (DaemonSet in "support")
					# and let it tolerate the user nodes' taints (hub.jupyter.org/dedicated=user:NoSchedule).""");

	static final Check PROMETHEUS = new Check("platform.prometheus", "A Prometheus server runs in the cluster",
			Severity.LOW, null, null, null, """
					# Not a Z2JH value: install Prometheus (e.g. the prometheus chart) in "support".""");

	static final Check SYSTEM_PODS = new Check("platform.privileged-system-pods",
			"Privileged system pods are known components", Severity.INFO, null, null, null,
			"# Nothing to set: cryptnono and the NetworkPolicy controller need host access to do their work.");

	/** Every check, in page order. */
	public static final List<Check> ALL = List.of(PRIVILEGED, ESCALATION, NON_ROOT, CAPABILITIES, HOST_NAMESPACES,
			HOST_PATH, SECCOMP, MEMORY_LIMIT, CPU_LIMIT, TOKEN, POLICY, CONTROLLER, PROBE, METADATA, PRIVATE, INTERNET,
			IPTABLES, HUB_RBAC, SLIM, HTTPS, SOURCE_RANGES, SUBDOMAINS, DASHBOARD, CRYPTNONO, PROMETHEUS, SYSTEM_PODS);

	private Checks() {
	}

	public static java.util.Optional<Check> find(String id) {
		return ALL.stream().filter(check -> check.id().equals(id)).findFirst();
	}

}
