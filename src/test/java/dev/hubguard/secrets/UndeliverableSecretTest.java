package dev.hubguard.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.cluster.ReconcileState;
import dev.hubguard.cluster.ReconcileStatus;
import dev.hubguard.cluster.Reconciler;
import dev.hubguard.demo.DemoRuntime;
import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.Eventually;
import dev.hubguard.support.PortalTest;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One value that no longer decrypts (its ciphertext damaged) never takes the others down:
 * they are delivered, its live value is left as it was, and the Secret is shown as an
 * error with the value flagged "set it again".
 */
@PortalTest
class UndeliverableSecretTest {

	static final HubRef PALOMAR = new HubRef("cloudbank", "palomar");

	static final String BASE = "/api/v1/hubs/cloudbank/palomar/secrets";

	static final Duration SOON = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Reconciler reconciler;

	static Map<String, String> liveData() {
		try (KubernetesClient client = DemoRuntime.current().orElseThrow().cluster("cloudbank").client()) {
			Secret secret = client.secrets().inNamespace("palomar").withName("hubguard-user-env").get();
			return secret == null || secret.getData() == null ? Map.of() : secret.getData();
		}
	}

	Optional<ReconcileStatus> envStatus() {
		return reconciler.status(PALOMAR)
			.stream()
			.filter(status -> status.object().endsWith("/hubguard-user-env"))
			.findFirst();
	}

	@Test
	void theOtherValuesAreDeliveredTheBrokenOneKeptAndTheSecretShownAsAnError() {
		Api sam = Api.as(port, accounts, tokens, Api.cilogon("sam@hubguard.example", null));
		sam.put(BASE + "/UNDELIVERABLE_GOOD", "{\"value\":\"good-value\",\"delivery\":\"ENV\"}");
		sam.put(BASE + "/UNDELIVERABLE_BAD", "{\"value\":\"bad-value\",\"delivery\":\"ENV\"}");
		Eventually.within(SOON, "both delivered",
				() -> liveData().containsKey("UNDELIVERABLE_GOOD") && liveData().containsKey("UNDELIVERABLE_BAD"));
		String delivered = liveData().get("UNDELIVERABLE_BAD");
		try {
			jdbc.sql("""
					update secrets set kek_id = f.kek_id, wrapped_key = f.wrapped_key, ciphertext = f.ciphertext
					from secrets f where f.hub = secrets.hub and f.name = 'UNDELIVERABLE_GOOD'
					and secrets.name = 'UNDELIVERABLE_BAD' and secrets.hub = 'cloudbank/palomar'""").update();

			sam.put(BASE + "/UNDELIVERABLE_NEW", "{\"value\":\"new-value\",\"delivery\":\"ENV\"}");

			Eventually.within(SOON, "the new value delivered", () -> liveData().containsKey("UNDELIVERABLE_NEW"));
			assertThat(liveData()).as("the broken value's live value left as it was")
				.containsEntry("UNDELIVERABLE_BAD", delivered)
				.containsKey("UNDELIVERABLE_GOOD");
			Eventually.within(SOON, "the Secret shown as an error",
					() -> envStatus().filter(status -> status.state() == ReconcileState.ERROR).isPresent());
			ReconcileStatus status = envStatus().orElseThrow();
			assertThat(status.lastError()).startsWith("1 value cannot be delivered").contains("UNDELIVERABLE_BAD");
			assertThat(status.attempts()).isPositive();
			assertThat(status.nextAttemptAt()).isNotNull();
			assertThat(sam.get(BASE).json().get("undeliverable").toString()).contains("UNDELIVERABLE_BAD")
				.doesNotContain("UNDELIVERABLE_GOOD");

			// Deleted in the cluster: put back with what can be delivered, still an
			// error.
			try (KubernetesClient client = DemoRuntime.current().orElseThrow().cluster("cloudbank").client()) {
				client.secrets().inNamespace("palomar").withName("hubguard-user-env").delete();
			}
			Eventually.within(SOON, "the Secret put back with the values that can be delivered",
					() -> liveData().containsKey("UNDELIVERABLE_GOOD") && liveData().containsKey("UNDELIVERABLE_NEW"));
			assertThat(liveData()).doesNotContainKey("UNDELIVERABLE_BAD");
			assertThat(envStatus().orElseThrow().state()).isEqualTo(ReconcileState.ERROR);

			// Set again: delivered, and in sync.
			sam.delete(BASE + "/UNDELIVERABLE_BAD");
			sam.put(BASE + "/UNDELIVERABLE_BAD", "{\"value\":\"bad-value-again\",\"delivery\":\"ENV\"}");
			Eventually.within(SOON, "set again and delivered", () -> liveData().containsKey("UNDELIVERABLE_BAD"));
			Eventually.within(SOON, "in sync again",
					() -> envStatus().filter(s -> s.state() == ReconcileState.IN_SYNC).isPresent());
		}
		finally {
			sam.delete(BASE + "/UNDELIVERABLE_BAD");
			sam.delete(BASE + "/UNDELIVERABLE_GOOD");
			sam.delete(BASE + "/UNDELIVERABLE_NEW");
		}
	}

}
