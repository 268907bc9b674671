package dev.hubguard.isolation;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether user pods carry a service-account token that RBAC bindings give rights to:
 * bindings to the account itself or to the groups that contain it
 * ({@code system:serviceaccounts}, {@code system:serviceaccounts:<namespace>},
 * {@code system:authenticated}). Kubernetes' own default bindings (label
 * {@code kubernetes.io/bootstrapping=rbac-defaults}) are left out.
 */
final class AccountChecks {

	private AccountChecks() {
	}

	static Finding token(HubFacts facts) {
		Check check = Checks.TOKEN;
		if (facts.userPods().isEmpty()) {
			return check.unknown("No user server is running: there is no pod to check.");
		}
		Map<String, ServiceAccount> accounts = new HashMap<>();
		facts.serviceAccounts().forEach(account -> accounts.put(account.getMetadata().getName(), account));
		Map<String, List<String>> podsByAccount = new LinkedHashMap<>();
		List<String> withoutToken = new ArrayList<>();
		for (Pod pod : facts.userPods()) {
			String account = account(pod);
			if (tokenMounted(pod, accounts.get(account))) {
				podsByAccount.computeIfAbsent(account, key -> new ArrayList<>()).add(pod.getMetadata().getName());
			}
			else {
				withoutToken.add(pod.getMetadata().getName());
			}
		}
		List<String> evidence = new ArrayList<>();
		List<String> objects = new ArrayList<>();
		podsByAccount.forEach((account, pods) -> {
			List<String> bindings = bindings(facts, account);
			if (bindings.isEmpty()) {
				evidence.add("ServiceAccount " + facts.namespace() + "/" + account
						+ ": token mounted, no RoleBinding or ClusterRoleBinding — " + Evidence.pods(pods));
			}
			else {
				evidence.add("ServiceAccount " + facts.namespace() + "/" + account + ": token mounted and bound by "
						+ String.join(", ", bindings) + " — " + Evidence.pods(pods));
				objects.addAll(bindings);
			}
		});
		if (!withoutToken.isEmpty()) {
			evidence.add("no token mounted (automountServiceAccountToken: false) — " + Evidence.pods(withoutToken));
		}
		return check.result(objects.isEmpty() ? Result.PASS : Result.FAIL, evidence, objects);
	}

	static String account(Pod pod) {
		String name = pod.getSpec() == null ? null : pod.getSpec().getServiceAccountName();
		return name == null || name.isEmpty() ? "default" : name;
	}

	/** The pod's own setting wins over the account's; Kubernetes mounts by default. */
	static boolean tokenMounted(Pod pod, ServiceAccount account) {
		Boolean onPod = pod.getSpec() == null ? null : pod.getSpec().getAutomountServiceAccountToken();
		if (onPod != null) {
			return onPod;
		}
		return account == null || !Boolean.FALSE.equals(account.getAutomountServiceAccountToken());
	}

	/** The bindings that give the account rights, as {@code Kind namespace/name}. */
	static List<String> bindings(HubFacts facts, String account) {
		List<String> found = new ArrayList<>();
		for (RoleBinding binding : facts.roleBindings()) {
			if (!defaults(binding.getMetadata().getLabels())
					&& names(binding.getSubjects(), binding.getMetadata().getNamespace(), facts.namespace(), account)) {
				found.add("RoleBinding " + binding.getMetadata().getNamespace() + "/" + binding.getMetadata().getName()
						+ " (" + binding.getRoleRef().getKind() + " " + binding.getRoleRef().getName() + ")");
			}
		}
		for (ClusterRoleBinding binding : facts.clusterRoleBindings()) {
			if (!defaults(binding.getMetadata().getLabels())
					&& names(binding.getSubjects(), null, facts.namespace(), account)) {
				found.add("ClusterRoleBinding " + binding.getMetadata().getName() + " (ClusterRole "
						+ binding.getRoleRef().getName() + ")");
			}
		}
		return found;
	}

	private static boolean defaults(Map<String, String> labels) {
		return labels != null && "rbac-defaults".equals(labels.get("kubernetes.io/bootstrapping"));
	}

	private static boolean names(List<Subject> subjects, String bindingNamespace, String namespace, String account) {
		if (subjects == null) {
			return false;
		}
		for (Subject subject : subjects) {
			if ("ServiceAccount".equals(subject.getKind())) {
				String ns = subject.getNamespace() != null ? subject.getNamespace() : bindingNamespace;
				if (account.equals(subject.getName()) && namespace.equals(ns)) {
					return true;
				}
			}
			else if ("Group".equals(subject.getKind())
					&& Set.of("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated")
						.contains(subject.getName())) {
				return true;
			}
		}
		return false;
	}

}
