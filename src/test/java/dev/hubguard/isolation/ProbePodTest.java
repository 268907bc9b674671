package dev.hubguard.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubguard.hub.AdminRules;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubRef;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The probe pod is as locked down as Hubguard asks user pods to be, and its script, run
 * by busybox's shell as in the network-tools image, reports what it reached.
 */
class ProbePodTest {

	static final CatalogueHub HUB = new CatalogueHub(new HubRef("c", "mtu"), "mtu", "mtu", "https://mtu.example",
			"github", new AdminRules(List.of(), List.of(), null, List.of()));

	static Pod pod(List<ProbePod.Target> targets) {
		return ProbePod.build(HUB, "hubguard-probe-1a2b3c4d", "default", "quay.io/jupyterhub/k8s-network-tools:4.4.0",
				60, targets);
	}

	@Test
	void theProbePodCarriesTheUserLabelsAndNoTokenAndPassesEveryContainerCheck() {
		Pod pod = pod(ProbePod.targets("1.1.1.1:443", "10.8.0.9"));
		assertThat(pod.getMetadata().getLabels()).containsEntry("component", "singleuser-server")
			.containsEntry("release", "mtu")
			.containsEntry("hubguard.dev/probe", "true");
		assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
		assertThat(pod.getSpec().getActiveDeadlineSeconds()).isEqualTo(60);
		assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
		assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(65534);
		Container container = pod.getSpec().getContainers().get(0);
		assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
		assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
		assertThat(PodChecks.verdict(pod).violations()).isEmpty();
		assertThat(container.getCommand()).endsWith("cloud-metadata=169.254.169.254:80", "private=kubernetes:443",
				"public-web=1.1.1.1:443", "other-user-server=10.8.0.9:8888");
	}

	@Test
	void withoutAnotherServerThereIsNoOtherUserTarget() {
		assertThat(ProbePod.targets("1.1.1.1:443", null)).extracting(ProbePod.Target::name)
			.containsExactly("cloud-metadata", "private", "public-web");
	}

	@Test
	void theScriptReportsAnOpenPortReachedAndAClosedOneNot() throws Exception {
		try (ServerSocket open = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
			int closed;
			try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				closed = gone.getLocalPort();
			}
			Pod pod = pod(List.of(new ProbePod.Target("open", "127.0.0.1", open.getLocalPort()),
					new ProbePod.Target("closed", "127.0.0.1", closed),
					new ProbePod.Target("private", "kubernetes", 443)));
			List<String> command = new ArrayList<>(pod.getSpec().getContainers().get(0).getCommand());
			// The image's /bin/sh is busybox's ash.
			command.set(0, "sh");
			command.add(0, "busybox");
			ProcessBuilder builder = new ProcessBuilder(command);
			builder.environment()
				.putAll(Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT",
						String.valueOf(open.getLocalPort())));
			String log = run(builder);
			List<ProbeLog.Tried> tried = ProbeLog.parse("starting\n" + log);
			assertThat(tried).containsExactly(new ProbeLog.Tried("open", "127.0.0.1", open.getLocalPort(), true),
					new ProbeLog.Tried("closed", "127.0.0.1", closed, false),
					new ProbeLog.Tried("private", "127.0.0.1", open.getLocalPort(), true));
		}
	}

	private static String run(ProcessBuilder builder) throws IOException, InterruptedException {
		Process process;
		try {
			process = builder.redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("busybox is needed (apt-get install busybox netcat-openbsd)", ex);
		}
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
	}

	@Test
	void aLogWithoutAResultLineOrWithAMalformedEntryIsRefused() {
		assertThatThrownBy(() -> ProbeLog.parse("nc: bad address\n")).hasMessageContaining("no result line");
		assertThatThrownBy(() -> ProbeLog.parse("{\"hubguardProbe\":1,\"results\":[{\"target\":\"x\"}]}"))
			.hasMessageContaining("malformed");
		assertThatThrownBy(() -> ProbeLog.parse(
				"{\"hubguardProbe\":1,\"results\":[{\"target\":\"x\",\"address\":\"1.1.1.1\",\"port\":70000,\"reachable\":true}]}"))
			.hasMessageContaining("malformed");
		assertThatThrownBy(() -> ProbeLog.parse("{\"hubguardProbe\":1,")).hasMessageContaining("not JSON");
	}

}
