package dev.hubguard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.cluster.ReconcileState;
import dev.hubguard.cluster.Reconciler;
import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Eventually;
import dev.hubguard.support.PortalTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A secret whose value no longer decrypts (its ciphertext damaged, as in
 * UndeliverableSecretTest) is told to the hub's admins and staff, once per episode,
 * naming the secret and never its value.
 */
@PortalTest
class UndeliverableSecretNoticeTest {

	static final HubRef MTU = new HubRef("2i2c", "mtu");

	static final String BASE = "/api/v1/hubs/2i2c/mtu/secrets";

	static final Duration SOON = Duration.ofSeconds(15);

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

	@Autowired
	UndeliveredWatch watch;

	@Autowired
	NotifyWorker worker;

	boolean inError(String name) {
		return reconciler.status(MTU)
			.stream()
			.anyMatch(s -> s.state() == ReconcileState.ERROR && s.lastError() != null && s.lastError().contains(name));
	}

	boolean inSync() {
		return reconciler.status(MTU)
			.stream()
			.filter(s -> s.object().endsWith("/hubguard-user-env"))
			.allMatch(s -> s.state() == ReconcileState.IN_SYNC);
	}

	void damage(String name, String good) {
		jdbc.sql("""
				update secrets set kek_id = f.kek_id, wrapped_key = f.wrapped_key, ciphertext = f.ciphertext
				from secrets f where f.hub = secrets.hub and f.name = :good
				and secrets.name = :bad and secrets.hub = '2i2c/mtu'""")
			.param("good", good)
			.param("bad", name)
			.update();
	}

	long episodes(String name) {
		return jdbc.sql("select count(*) from notify_events where kind = 'secret.undeliverable' and title like :n")
			.param("n", "Secret " + name + " %")
			.query(Long.class)
			.single();
	}

	Set<String> recipients(String name) {
		return jdbc.sql("""
				select d.recipient from notify_deliveries d join notify_events e on e.id = d.event_id
				where e.kind = 'secret.undeliverable' and e.title like :n""")
			.param("n", "Secret " + name + " %")
			.query(String.class)
			.set();
	}

	@Test
	void aSecretThatCannotBeDeliveredIsToldToTheHubsAdminsAndStaffOncePerEpisode() {
		People people = new People(port, accounts, tokens);
		worker.drain();
		String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase().replace("-", "");
		String bad = "BROKEN_" + suffix;
		String good = "FINE_" + suffix;
		String canary = "canary-" + UUID.randomUUID();
		people.sam.put(BASE + "/" + good, "{\"value\":\"fine-value\",\"delivery\":\"ENV\"}");
		people.sam.put(BASE + "/" + bad, "{\"value\":\"" + canary + "\",\"delivery\":\"ENV\"}");
		try {
			damage(bad, good);
			people.sam.put(BASE + "/NEW_" + suffix, "{\"value\":\"new-value\",\"delivery\":\"ENV\"}");
			Eventually.within(SOON, "the Secret shown as an error", () -> inError(bad));

			watch.check(Instant.now());
			watch.check(Instant.now());
			assertThat(episodes(bad)).as("told once while it lasts").isEqualTo(1);
			worker.drain();
			assertThat(recipients(bad))
				.contains("cilogon:ada@mtu.example", "cilogon:sam@hubguard.example", "github:second-staff")
				.doesNotContain("github:bo-hhmi", "cilogon:nia@elsewhere.example");
			List<MimeMessage> mails = Mailbox.withSubject("Secret " + bad + " on 2i2c/mtu cannot be delivered");
			assertThat(mails.stream().flatMap(m -> Mailbox.to(m).stream()).collect(Collectors.toList()))
				.contains("ada@mtu.example", "sam@hubguard.example", "second@hubguard.example")
				.doesNotContain("bo@hhmi.example", "nia@elsewhere.example")
				.doesNotHaveDuplicates();
			assertThat(mails).allSatisfy(mail -> assertThat(Mailbox.text(mail)).contains("/hubs/2i2c/mtu/secrets")
				.doesNotContain(canary, "fine-value"));

			// Set again: delivered, the episode over; broken again: a new episode, told.
			people.sam.delete(BASE + "/" + bad);
			people.sam.put(BASE + "/" + bad, "{\"value\":\"again\",\"delivery\":\"ENV\"}");
			Eventually.within(SOON, "in sync again", () -> !inError(bad) && inSync());
			watch.check(Instant.now());
			damage(bad, good);
			// Another change of the hub's secrets makes the reconciler render them again.
			assertThat(people.sam.put(BASE + "/NEWER_" + suffix, "{\"value\":\"newer-value\",\"delivery\":\"ENV\"}")
				.status()).isLessThan(300);
			Eventually.within(SOON, "an error again", () -> inError(bad));
			watch.check(Instant.now());
			assertThat(episodes(bad)).as("a second episode").isEqualTo(2);
		}
		finally {
			people.sam.delete(BASE + "/" + bad);
			people.sam.delete(BASE + "/" + good);
			people.sam.delete(BASE + "/NEW_" + suffix);
			people.sam.delete(BASE + "/NEWER_" + suffix);
		}
	}

}
