package dev.hubguard.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each container check: the healthy pod passes, one broken field fails it. */
class PodChecksTest {

	static Facts with(UnaryOperator<PodBuilder> change) {
		Facts facts = new Facts();
		facts.pods = List.of(Facts.pod("jupyter-ada", change), Facts.pod("jupyter-bo", UnaryOperator.identity()));
		return facts;
	}

	@Test
	void aHardenedUserPodPassesEveryContainerCheck() {
		Map<String, Result> results = new Facts().results();
		PodChecks.CHECKS.forEach(check -> assertThat(results.get(check.id())).as(check.id()).isEqualTo(Result.PASS));
	}

	@Test
	void noRunningServerLeavesContainerChecksUnknown() {
		Facts facts = new Facts();
		facts.pods = List.of();
		assertThat(facts.results().get("user-pod.non-root")).isEqualTo(Result.UNKNOWN);
		assertThat(facts.results().get("user-pod.service-account-token")).isEqualTo(Result.UNKNOWN);
	}

	@Test
	void aPrivilegedContainerFails() {
		Finding finding = with(p -> p.editSpec()
			.editFirstContainer()
			.editSecurityContext()
			.withPrivileged(true)
			.endSecurityContext()
			.endContainer()
			.endSpec()).finding("user-pod.privileged");
		assertThat(finding.result()).isEqualTo(Result.FAIL);
		assertThat(finding.evidence()).singleElement().asString().contains("container notebook", "1 pod: jupyter-ada");
		assertThat(finding.objects()).containsExactly("Pod jupyter-ada");
	}

	@Test
	void privilegeEscalationNotSetFails() {
		Facts facts = with(p -> p.editSpec()
			.editFirstContainer()
			.editSecurityContext()
			.withAllowPrivilegeEscalation(null)
			.endSecurityContext()
			.endContainer()
			.endSpec());
		assertThat(facts.finding("user-pod.privilege-escalation").result()).isEqualTo(Result.FAIL);
		assertThat(facts.finding("user-pod.privilege-escalation").evidence().get(0)).contains("defaults to true");
	}

	@Test
	void rootFailsAndAMissingRunAsNonRootWarns() {
		assertThat(with(p -> p.editSpec().editSecurityContext().withRunAsUser(0L).endSecurityContext().endSpec())
			.finding("user-pod.non-root")
			.result()).isEqualTo(Result.FAIL);
		assertThat(with(p -> p.editSpec().editSecurityContext().withRunAsNonRoot(null).endSecurityContext().endSpec())
			.finding("user-pod.non-root")
			.result()).isEqualTo(Result.WARN);
		assertThat(with(p -> p.editSpec()
			.editSecurityContext()
			.withRunAsUser(null)
			.withRunAsNonRoot(null)
			.endSecurityContext()
			.endSpec()).finding("user-pod.non-root").result()).isEqualTo(Result.FAIL);
		// A container's own setting wins over the pod's.
		assertThat(with(p -> p.editSpec()
			.editFirstContainer()
			.editSecurityContext()
			.withRunAsUser(0L)
			.endSecurityContext()
			.endContainer()
			.endSpec()).finding("user-pod.non-root").result()).isEqualTo(Result.FAIL);
	}

	@Test
	void dangerousCapabilitiesFailAndNotDroppingAllWarns() {
		assertThat(with(p -> p.editSpec()
			.editFirstContainer()
			.editSecurityContext()
			.editCapabilities()
			.withAdd("CAP_SYS_ADMIN")
			.endCapabilities()
			.endSecurityContext()
			.endContainer()
			.endSpec()).finding("user-pod.capabilities").result()).isEqualTo(Result.FAIL);
		assertThat(with(p -> p.editSpec()
			.editFirstContainer()
			.editSecurityContext()
			.editCapabilities()
			.withDrop()
			.endCapabilities()
			.endSecurityContext()
			.endContainer()
			.endSpec()).finding("user-pod.capabilities").result()).isEqualTo(Result.WARN);
	}

	@Test
	void hostNamespacesAndHostPathFail() {
		Finding host = with(p -> p.editSpec().withHostNetwork(true).withHostPID(true).endSpec())
			.finding("user-pod.host-namespaces");
		assertThat(host.result()).isEqualTo(Result.FAIL);
		assertThat(host.evidence().get(0)).contains("hostNetwork", "hostPID");
		assertThat(with(p -> p.editSpec()
			.addNewVolume()
			.withName("docker")
			.withNewHostPath()
			.withPath("/var/run/docker.sock")
			.endHostPath()
			.endVolume()
			.endSpec()).finding("user-pod.host-path").evidence().get(0)).contains("/var/run/docker.sock");
	}

	@Test
	void noOrUnconfinedSeccompFails() {
		assertThat(with(p -> p.editSpec().editSecurityContext().withSeccompProfile(null).endSecurityContext().endSpec())
			.finding("user-pod.seccomp")
			.result()).isEqualTo(Result.FAIL);
		assertThat(with(p -> p.editSpec()
			.editFirstContainer()
			.editSecurityContext()
			.withNewSeccompProfile()
			.withType("Unconfined")
			.endSeccompProfile()
			.endSecurityContext()
			.endContainer()
			.endSpec()).finding("user-pod.seccomp").evidence().get(0)).contains("Unconfined");
	}

	@Test
	void missingLimitsFail() {
		Facts facts = with(p -> p.editSpec()
			.editFirstContainer()
			.withNewResources()
			.addToRequests("memory", new Quantity("1G"))
			.endResources()
			.endContainer()
			.endSpec());
		assertThat(facts.finding("user-pod.memory-limit").result()).isEqualTo(Result.FAIL);
		assertThat(facts.finding("user-pod.cpu-limit").result()).isEqualTo(Result.FAIL);
	}

	@Test
	void initContainersAreCheckedButTheChartsIptablesContainerIsNot() {
		assertThat(with(p -> p.editSpec()
			.addNewInitContainer()
			.withName("fetch-data")
			.withNewSecurityContext()
			.withPrivileged(true)
			.endSecurityContext()
			.endInitContainer()
			.endSpec()).finding("user-pod.privileged").result()).isEqualTo(Result.FAIL);
		Facts iptables = with(p -> p.editSpec()
			.addNewInitContainer()
			.withName("block-cloud-metadata")
			.withNewSecurityContext()
			.withPrivileged(true)
			.withRunAsUser(0L)
			.withNewCapabilities()
			.withAdd("NET_ADMIN")
			.endCapabilities()
			.endSecurityContext()
			.endInitContainer()
			.endSpec());
		for (String id : List.of("user-pod.privileged", "user-pod.non-root", "user-pod.capabilities",
				"user-pod.memory-limit")) {
			assertThat(iptables.finding(id).result()).as(id).isEqualTo(Result.PASS);
		}
	}

	@Test
	void manyPodsWithOneProblemGiveOneEvidenceLine() {
		Facts facts = new Facts();
		facts.pods = java.util.stream.IntStream.range(0, 1000)
			.mapToObj(i -> Facts.pod("jupyter-u" + i,
					p -> p.editSpec().editSecurityContext().withRunAsUser(0L).endSecurityContext().endSpec()))
			.toList();
		Finding finding = facts.finding("user-pod.non-root");
		assertThat(finding.evidence()).singleElement().asString().contains("1000 pods", "and 995 more");
	}

}
