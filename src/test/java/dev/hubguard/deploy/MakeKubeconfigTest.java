package dev.hubguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * deploy/cluster-access/make-kubeconfig.sh, run with the real kubectl against an API
 * server that answers TokenRequests: the kubeconfig it writes works, and running it again
 * rotates the token.
 */
class MakeKubeconfigTest {

	private static final String TOKEN_PATH = "/api/v1/namespaces/hubguard/serviceaccounts/hubguard/token";

	private KubernetesMockServer server;

	private Path dir;

	@BeforeEach
	void start() throws Exception {
		server = new KubernetesMockServer(true);
		server.init(InetAddress.getByName("127.0.0.1"), 0);
		dir = Files.createTempDirectory("hubguard-kubeconfig");
		Files.writeString(dir.resolve("admin-kubeconfig"), """
				apiVersion: v1
				kind: Config
				clusters:
				  - name: prod
				    cluster:
				      server: %s
				      insecure-skip-tls-verify: true
				users:
				  - name: admin
				    user:
				      token: admin-token
				contexts:
				  - name: admin@prod
				    context: {cluster: prod, user: admin}
				current-context: admin@prod
				""".formatted(url()));
	}

	@AfterEach
	void stop() throws Exception {
		server.destroy();
		FileSystemUtils.deleteRecursively(dir);
	}

	@Test
	void writesAContextWhoseTokenComesFromTheTokenRequestApiAndRotatesIt() throws Exception {
		Instant expiry = Instant.parse("2027-01-04T09:00:00Z");
		expectToken("first", expiry);
		expectToken("other", expiry);
		expectToken("second", expiry);
		server.expect()
			.get()
			.withPath("/api/v1/namespaces/mtu/pods")
			.andReturn(200, new PodListBuilder().build())
			.always();
		Path out = dir.resolve("hubguard-kubeconfig");

		String printed = script("admin@prod", "gke_provider_prod", out.toString(), "48h");
		assertThat(printed).contains("context gke_provider_prod written to " + out)
			.contains("token expires "
					+ DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(expiry));
		List<RecordedRequest> requests = drain();
		assertThat(requests).as("the script's requests").hasSize(1);
		RecordedRequest request = requests.get(0);
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getPath()).startsWith(TOKEN_PATH);
		assertThat(request.getHeader("Authorization")).isEqualTo("Bearer admin-token");
		assertThat(Files.getPosixFilePermissions(out)).hasSize(2);

		// Hubguard's client reaches the cluster with the ServiceAccount's token.
		assertThat(listPodsWith(out, "gke_provider_prod")).isEqualTo("Bearer " + jwt("first", expiry));

		// Rotation: the same command again replaces the token, other contexts stay.
		script("admin@prod", "other_cluster", out.toString(), "48h");
		script("admin@prod", "gke_provider_prod", out.toString(), "48h");
		drain();
		assertThat(Files.readString(out)).contains("other_cluster").doesNotContain(jwt("first", expiry));
		assertThat(listPodsWith(out, "gke_provider_prod")).isEqualTo("Bearer " + jwt("second", expiry));
	}

	@Test
	void withoutArgumentsItExplainsItselfAndFails() throws Exception {
		Kustomize.kubectl();
		Process process = new ProcessBuilder("bash", "deploy/cluster-access/make-kubeconfig.sh")
			.redirectErrorStream(true)
			.start();
		String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).isEqualTo(2);
		assertThat(text).contains("TokenRequest").contains("Rotation").contains("catalogue-kubeContext");
	}

	private String listPodsWith(Path kubeconfig, String context) throws Exception {
		drain();
		Config config = Config.fromKubeconfig(context, Files.readString(kubeconfig), null);
		// The test server's certificate is self-signed.
		config.setTrustCerts(true);
		try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
			assertThat(client.pods().inNamespace("mtu").list().getItems()).isEmpty();
		}
		RecordedRequest last = drain().getLast();
		assertThat(last.getPath()).startsWith("/api/v1/namespaces/mtu/pods");
		return last.getHeader("Authorization");
	}

	private String script(String... arguments) throws Exception {
		Kustomize.kubectl();
		List<String> command = new java.util.ArrayList<>(List.of("bash", "deploy/cluster-access/make-kubeconfig.sh"));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(Map.of("KUBECONFIG", dir.resolve("admin-kubeconfig").toString()));
		Process process = builder.start();
		String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(text).isZero();
		return text;
	}

	/**
	 * The requests served since the last call, but for {@code GET /version} (the Google
	 * Cloud SDK's kubectl asks it to pick a matching kubectl).
	 */
	private List<RecordedRequest> drain() throws InterruptedException {
		List<RecordedRequest> requests = new java.util.ArrayList<>();
		for (RecordedRequest request = server.takeRequest(200, TimeUnit.MILLISECONDS); request != null; request = server
			.takeRequest(200, TimeUnit.MILLISECONDS)) {
			if (!request.getPath().startsWith("/version")) {
				requests.add(request);
			}
		}
		return requests;
	}

	private String url() {
		return "https://127.0.0.1:" + server.getPort();
	}

	private void expectToken(String name, Instant expiry) {
		server.expect()
			.post()
			.withPath(TOKEN_PATH)
			.andReturn(201, tokenRequest(name, expiry))
			.withHeader("Content-Type", "application/json")
			.once();
	}

	private static TokenRequest tokenRequest(String name, Instant expiry) {
		return new TokenRequestBuilder().withNewStatus()
			.withToken(jwt(name, expiry))
			.withExpirationTimestamp(expiry.toString())
			.endStatus()
			.build();
	}

	/** A token shaped like the API server's: base64url claims without padding. */
	private static String jwt(String name, Instant expiry) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		String header = encoder.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
		String claims = encoder
			.encodeToString(("{\"aud\":[\"https://kubernetes.default.svc\"],\"exp\":" + expiry.getEpochSecond()
					+ ",\"sub\":\"system:serviceaccount:hubguard:hubguard\",\"jti\":\"" + name + "\"}")
				.getBytes(StandardCharsets.UTF_8));
		return header + "." + claims + ".c2lnbmF0dXJl";
	}

}
