package dev.hubguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.abuse.CryptnonoWatches;
import dev.hubguard.cluster.ClusterCache;
import dev.hubguard.cluster.ClusterWatches;
import dev.hubguard.cluster.Watch;
import dev.hubguard.egress.EgressWatches;
import dev.hubguard.isolation.IsolationWatches;
import dev.hubguard.egress.EgressRenderer;
import dev.hubguard.secrets.Delivery;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * deploy/cluster-access, as installed in a managed cluster: its kustomization plus the
 * files applied by hand (a hub namespace's binding, the admission policy, the optional
 * probe Role), stored by an API server.
 */
class ClusterAccessTest {

	private static final Path DIR = Path.of("deploy/cluster-access");

	private static final List<String> WRITES = List.of("create", "update", "patch", "delete", "deletecollection");

	@Test
	void noRuleUsesAWildcardOrAnEscalatingVerb() {
		for (Rules rules : installed().rules()) {
			assertThat(rules.rules()).as(rules.role()).allSatisfy(rule -> {
				assertThat(rule.getVerbs()).doesNotContain("*", "escalate", "bind", "impersonate", "deletecollection");
				assertThat(rule.getResources()).doesNotContain("*").noneMatch(resource -> resource.endsWith("/*"));
				assertThat(rule.getApiGroups()).doesNotContain("*");
				assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
			});
		}
	}

	@Test
	void clusterWideBindingsOnlyListAndWatchAndNeverTouchSecrets() {
		Installed installed = installed();
		List<ClusterRoleBinding> bindings = installed.manifests().all(ClusterRoleBinding.class);
		assertThat(bindings).isNotEmpty();
		for (ClusterRoleBinding binding : bindings) {
			Rules rules = installed.rulesOf(binding.getRoleRef());
			assertThat(rules.rules()).as(rules.role()).allSatisfy(rule -> {
				assertThat(rule.getVerbs()).containsOnly("list", "watch");
				assertThat(rule.getResources()).doesNotContain("secrets", "pods/log", "pods/exec");
			});
		}
		// Secrets, pod deletion and every other write are granted only by RoleBindings,
		// in a namespace.
		List<String> boundClusterWide = bindings.stream().map(binding -> binding.getRoleRef().getName()).toList();
		for (Rules rules : installed.rules()) {
			if (rules.rules()
				.stream()
				.anyMatch(rule -> rule.getResources().contains("secrets")
						|| rule.getVerbs().stream().anyMatch(WRITES::contains))) {
				assertThat(boundClusterWide).as(rules.role()).doesNotContain(rules.role());
				assertThat(installed.manifests().all(RoleBinding.class))
					.anyMatch(binding -> binding.getRoleRef().getName().equals(rules.role()));
			}
		}
	}

	@Test
	void readsCoverEveryKindTheClusterCacheWatches() {
		Installed installed = installed();
		ClusterRoleBinding read = installed.manifests().one(ClusterRoleBinding.class);
		List<PolicyRule> rules = installed.rulesOf(read.getRoleRef()).rules();
		// Every kind a feature watches across the cluster, and the user server pods.
		List<Class<? extends HasMetadata>> whole = new ArrayList<>();
		for (ClusterWatches feature : List.<ClusterWatches>of(new EgressWatches(), new IsolationWatches())) {
			feature.watches()
				.stream()
				.filter(watch -> watch.scope() == Watch.Scope.CLUSTER)
				.forEach(watch -> whole.add(watch.kind()));
		}
		whole.add(Pod.class);
		for (Class<? extends HasMetadata> kind : whole) {
			String group = HasMetadata.getGroup(kind);
			String resource = HasMetadata.getPlural(kind);
			assertThat(rules).as("list and watch of %s", resource)
				.anyMatch(rule -> rule.getApiGroups().contains(group) && rule.getResources().contains(resource)
						&& rule.getVerbs().containsAll(List.of("list", "watch")));
		}
	}

	@Test
	void hubNamespaceRoleWritesOnlyTheObjectsHubguardOwnsAndDeletesPods() {
		Installed installed = installed();
		RoleBinding binding = installed.manifests()
			.all(RoleBinding.class)
			.stream()
			.filter(b -> b.getMetadata().getNamespace().equals("mtu"))
			.findFirst()
			.orElseThrow();
		assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
		List<PolicyRule> rules = installed.rulesOf(binding.getRoleRef()).rules();
		assertThat(rules).anyMatch(rule -> rule.getResources().equals(List.of("networkpolicies"))
				&& rule.getResourceNames().equals(List.of(EgressRenderer.NAME)) && rule.getVerbs().contains("patch"));
		assertThat(rules).anyMatch(rule -> rule.getResources().equals(List.of("secrets"))
				&& rule.getResourceNames().containsAll(List.of(Delivery.ENV_SECRET, Delivery.FILES_SECRET))
				&& rule.getVerbs().containsAll(List.of("get", "patch", "delete")));
		// Patch and delete always name their objects; only create (server-side apply of
		// a missing object) cannot.
		assertThat(rules).filteredOn(rule -> rule.getVerbs().contains("patch") || rule.getVerbs().contains("get"))
			.allSatisfy(rule -> assertThat(rule.getResourceNames()).isNotEmpty());
		assertThat(rules)
			.anyMatch(rule -> rule.getResources().equals(List.of("pods")) && rule.getVerbs().equals(List.of("delete")));

		// Pods are deleted only through namespaced bindings: this one and the optional
		// probe's.
		for (Rules role : installed.rules()) {
			if (role.rules()
				.stream()
				.anyMatch(r -> r.getResources().contains("pods") && r.getVerbs().contains("delete"))) {
				assertThat(role.role()).isIn("hubguard-hub", "hubguard-isolation-probe");
			}
		}
	}

	@Test
	void cryptnonosLogsAreReadInItsNamespaceOnly() {
		Installed installed = installed();
		Role role = installed.manifests().named(Role.class, name -> name.equals("hubguard-cryptnono-logs"));
		assertThat(role.getMetadata().getNamespace()).isEqualTo(CryptnonoWatches.NAMESPACE);
		assertThat(role.getRules()).anyMatch(
				rule -> rule.getResources().equals(List.of("pods/log")) && rule.getVerbs().equals(List.of("get")));
		assertThat(installed.manifests().all(Role.class)).hasSize(1);
	}

	@Test
	void everyBindingNamesHubguardsServiceAccount() {
		Installed installed = installed();
		ServiceAccount account = installed.manifests().one(ServiceAccount.class);
		assertThat(account.getAutomountServiceAccountToken()).isFalse();
		assertThat(installed.manifests().all(Secret.class)).as("no long-lived token Secret").isEmpty();
		List<io.fabric8.kubernetes.api.model.rbac.Subject> subjects = new ArrayList<>();
		installed.manifests().all(RoleBinding.class).forEach(binding -> subjects.addAll(binding.getSubjects()));
		installed.manifests().all(ClusterRoleBinding.class).forEach(binding -> subjects.addAll(binding.getSubjects()));
		assertThat(subjects).hasSizeGreaterThanOrEqualTo(4).allSatisfy(subject -> {
			assertThat(subject.getKind()).isEqualTo("ServiceAccount");
			assertThat(subject.getName()).isEqualTo(account.getMetadata().getName());
			assertThat(subject.getNamespace()).isEqualTo(account.getMetadata().getNamespace());
		});
	}

	@Test
	void admissionPolicyLetsHubguardDeleteOnlyUserServerPods() {
		Installed installed = installed();
		ValidatingAdmissionPolicy policy = installed.manifests().one(ValidatingAdmissionPolicy.class);
		ServiceAccount account = installed.manifests().one(ServiceAccount.class);
		var resources = policy.getSpec().getMatchConstraints().getResourceRules();
		assertThat(resources).anyMatch(rule -> rule.getResources().equals(List.of("pods"))
				&& rule.getOperations().containsAll(List.of("DELETE", "CREATE")));
		assertThat(policy.getSpec().getMatchConditions()).singleElement()
			.satisfies(condition -> assertThat(condition.getExpression())
				.contains("request.userInfo.username == 'system:serviceaccount:" + account.getMetadata().getNamespace()
						+ ":" + account.getMetadata().getName() + "'"));
		assertThat(policy.getSpec().getFailurePolicy()).isEqualTo("Fail");
		Validation deletion = policy.getSpec()
			.getValidations()
			.stream()
			.filter(v -> v.getExpression().contains("'DELETE'"))
			.findFirst()
			.orElseThrow();
		assertThat(deletion.getExpression()).contains("oldObject.metadata.labels['" + ClusterCache.USER_POD_LABEL
				+ "'] == '" + ClusterCache.USER_POD_VALUE + "'");
		Validation creation = policy.getSpec()
			.getValidations()
			.stream()
			.filter(v -> v.getExpression().contains("'CREATE'"))
			.findFirst()
			.orElseThrow();
		assertThat(creation.getExpression()).contains("'" + IsolationWatches.PROBE_LABEL + "'")
			.contains("automountServiceAccountToken == false")
			.contains("object.spec.volumes");

		ValidatingAdmissionPolicyBinding binding = installed.manifests().one(ValidatingAdmissionPolicyBinding.class);
		assertThat(binding.getSpec().getPolicyName()).isEqualTo(policy.getMetadata().getName());
		assertThat(binding.getSpec().getValidationActions()).containsExactly("Deny");
	}

	private static Installed installed() {
		StringBuilder yaml = new StringBuilder(Kustomize.render(DIR));
		for (String optional : List.of("hub-namespace-binding.yaml", "stop-server-policy.yaml",
				"isolation-probe.yaml")) {
			try {
				yaml.append("\n---\n").append(Files.readString(DIR.resolve(optional)));
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}
		return new Installed(Manifests.deployed(yaml.toString()));
	}

	private record Rules(String role, List<PolicyRule> rules) {
	}

	private record Installed(Manifests manifests) {

		List<Rules> rules() {
			List<Rules> all = new ArrayList<>();
			manifests.all(ClusterRole.class)
				.forEach(role -> all.add(new Rules(role.getMetadata().getName(), role.getRules())));
			manifests.all(Role.class)
				.forEach(role -> all.add(new Rules(role.getMetadata().getName(), role.getRules())));
			return all;
		}

		Rules rulesOf(RoleRef ref) {
			return rules().stream()
				.filter(rules -> rules.role().equals(ref.getName()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no role " + ref.getName()));
		}

	}

}
