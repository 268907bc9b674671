package dev.hubguard.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Accounts;
import dev.hubguard.identity.ApiTokens;
import dev.hubguard.support.Api;
import dev.hubguard.support.PortalTest;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The KEKs against the real database: a moved ciphertext fails to open, re-wrapping lets
 * the old KEK go, and a wrong KEK is refused as a start-up would refuse it.
 */
@PortalTest
class SecretKeysTest {

	static final HubRef MTU = new HubRef("2i2c", "mtu");

	@LocalServerPort
	int port;

	@Autowired
	Accounts accounts;

	@Autowired
	ApiTokens tokens;

	@Autowired
	Keks keks;

	@Autowired
	KekSentinels sentinels;

	@Autowired
	KeyRotation rotation;

	@Autowired
	SecretStore store;

	@Autowired
	SecretObjects objects;

	@Autowired
	JdbcClient jdbc;

	Api ada() {
		return Api.as(port, accounts, tokens, Api.cilogon("ada@mtu.example", "https://idp.mtu.example/idp/shibboleth"));
	}

	static byte[] random32() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

	@Test
	void aCiphertextCopiedOntoAnotherSecretsRowFailsToDecrypt() {
		Api ada = ada();
		ada.put("/api/v1/hubs/2i2c/mtu/secrets/MOVE_FROM", "{\"value\":\"from-value\",\"delivery\":\"ENV\"}");
		ada.put("/api/v1/hubs/2i2c/mtu/secrets/MOVE_TO", "{\"value\":\"to-value\",\"delivery\":\"ENV\"}");
		assertThat(new String(open("MOVE_TO"))).isEqualTo("to-value");
		jdbc.sql("""
				update secrets set kek_id = f.kek_id, wrapped_key = f.wrapped_key, ciphertext = f.ciphertext
				from secrets f where f.hub = secrets.hub and f.name = 'MOVE_FROM' and secrets.name = 'MOVE_TO'""")
			.update();
		assertThatThrownBy(() -> open("MOVE_TO")).isInstanceOf(UndecryptableException.class)
			.hasMessageContaining("does not belong to this row")
			.hasMessageNotContaining("from-value");
		assertThat(objects.render(MTU)).as("the others rendered, this one named as undeliverable")
			.anyMatch(object -> object.problem() != null && object.problem().contains("MOVE_TO"));
		ada.delete("/api/v1/hubs/2i2c/mtu/secrets/MOVE_TO");
		ada.delete("/api/v1/hubs/2i2c/mtu/secrets/MOVE_FROM");
		assertThat(objects.render(MTU)).isNotNull();
	}

	@Test
	void aCiphertextWhoseRowChangedDeliveryInTheDatabaseFailsToDecrypt() {
		Api ada = ada();
		ada.put("/api/v1/hubs/2i2c/mtu/secrets/BOUND_KEY", "{\"value\":\"bound-value\",\"delivery\":\"ENV\"}");
		assertThat(new String(open("BOUND_KEY"))).isEqualTo("bound-value");
		delivery("BOUND_KEY", Delivery.FILE);
		assertThatThrownBy(() -> open("BOUND_KEY")).isInstanceOf(UndecryptableException.class);
		delivery("BOUND_KEY", Delivery.ENV);
		assertThat(new String(open("BOUND_KEY"))).isEqualTo("bound-value");
		// Changed through Hubguard, the kept value is sealed for its new delivery.
		assertThat(
				ada.put("/api/v1/hubs/2i2c/mtu/secrets/BOUND_KEY", "{\"delivery\":\"FILE\"}", "If-Match", "1").status())
			.isEqualTo(200);
		assertThat(new String(open("BOUND_KEY"))).isEqualTo("bound-value");
		ada.delete("/api/v1/hubs/2i2c/mtu/secrets/BOUND_KEY");
	}

	@Test
	void aSecretSealedBeforeDeliveriesWereBoundStillOpensAndTheRewrapResealsIt() {
		Api ada = ada();
		ada.put("/api/v1/hubs/2i2c/mtu/secrets/OLD_FORMAT", "{\"value\":\"old-value\",\"delivery\":\"ENV\"}");
		SecretStore.Row row = store.find(MTU.toString(), "OLD_FORMAT").orElseThrow();
		assertThat(row.format()).isEqualTo(Envelope.SECRET_FORMAT);
		// As a secret stored before this version was: format 1, its delivery not bound.
		Envelope.Sealed old = Envelope.seal(keks.current(), "old-value".getBytes(), row.context(1, row.delivery()));
		jdbc.sql("""
				update secrets set format = 1, kek_id = :kek, wrapped_key = :key, ciphertext = :text
				where hub = :hub and name = 'OLD_FORMAT'""")
			.param("kek", old.kekId())
			.param("key", old.wrappedKey())
			.param("text", old.ciphertext())
			.param("hub", MTU.toString())
			.update();
		assertThat(new String(open("OLD_FORMAT"))).isEqualTo("old-value");
		assertThat(objects.render(MTU)).isNotEmpty();

		KeyRotation.Report report = rotation.rewrapAll("test");
		assertThat(report.resealed()).isEqualTo(1);
		assertThat(report.failed()).isZero();
		assertThat(store.find(MTU.toString(), "OLD_FORMAT").orElseThrow().format()).isEqualTo(Envelope.SECRET_FORMAT);
		assertThat(new String(open("OLD_FORMAT"))).isEqualTo("old-value");
		delivery("OLD_FORMAT", Delivery.FILE);
		assertThatThrownBy(() -> open("OLD_FORMAT")).as("now bound to its delivery")
			.isInstanceOf(UndecryptableException.class);
		delivery("OLD_FORMAT", Delivery.ENV);
		assertThat(rotation.rewrapAll("test").resealed()).isZero();
		ada.delete("/api/v1/hubs/2i2c/mtu/secrets/OLD_FORMAT");
	}

	@Test
	void rewrappingUnderANewPrimaryKekLetsTheOldOneBeRemoved() {
		Api ada = ada();
		ada.put("/api/v1/hubs/2i2c/mtu/secrets/ROTATE_ME", "{\"value\":\"rotate-value\",\"delivery\":\"ENV\"}");
		KeyRing original = keks.current();
		String oldId = original.primaryId();
		byte[] oldKey = original.key(oldId).getEncoded();
		byte[] newKey = random32();
		try {
			Map<String, byte[]> both = new LinkedHashMap<>();
			both.put(oldId, oldKey);
			both.put("next", newKey);
			keks.replace(new KeyRing(both, "next"));
			KeyRotation.Report report = rotation.rewrapAll("test");
			assertThat(report.primary()).isEqualTo("next");
			assertThat(report.rewrapped()).isPositive();
			assertThat(report.fromKeks()).containsKey(oldId);
			assertThat(report.failed()).isZero();
			assertThat(kekIds()).containsOnly("next");

			keks.replace(new KeyRing(Map.of("next", newKey), "next"));
			assertThat(new String(open("ROTATE_ME"))).isEqualTo("rotate-value");
			assertThat(objects.render(MTU)).isNotEmpty();
			assertThat(rotation.rewrapAll("test").alreadyPrimary())
				.isEqualTo(report.rewrapped() + report.alreadyPrimary());
		}
		finally {
			Map<String, byte[]> back = new LinkedHashMap<>();
			back.put(oldId, oldKey);
			back.put("next", newKey);
			keks.replace(new KeyRing(back, oldId));
			rotation.rewrapAll("test");
			keks.replace(original);
			ada.delete("/api/v1/hubs/2i2c/mtu/secrets/ROTATE_ME");
		}
		assertThat(kekIds()).doesNotContain("next");
	}

	@Test
	void aWrongKekIsRefusedAtStartUpWithAClearMessage() {
		ada().put("/api/v1/hubs/2i2c/mtu/secrets/WRONG_KEK_PROBE", "{\"value\":\"probe\",\"delivery\":\"ENV\"}");
		String id = keks.current().primaryId();
		assertThatThrownBy(() -> sentinels.verify(new KeyRing(Map.of(id, random32()), id)))
			.hasMessageContaining("KEK '" + id + "' is not the key this database's secrets were encrypted with");
		assertThatThrownBy(() -> sentinels.verify(new KeyRing(Map.of("other", random32()), "other")))
			.hasMessageContaining("encrypted under KEK " + id + ", which is not configured");
		assertThatThrownBy(() -> KeyRing.from(new KekProperties(null, null, null)))
			.hasMessageContaining("head -c 32 /dev/urandom | base64");
		ada().delete("/api/v1/hubs/2i2c/mtu/secrets/WRONG_KEK_PROBE");
	}

	byte[] open(String name) {
		SecretStore.Row row = store.find(MTU.toString(), name).orElseThrow();
		return Envelope.open(keks.current(), row.sealed(), row.context());
	}

	void delivery(String name, Delivery delivery) {
		jdbc.sql("update secrets set delivery = :delivery where hub = :hub and name = :name")
			.param("delivery", delivery.name())
			.param("hub", MTU.toString())
			.param("name", name)
			.update();
	}

	List<String> kekIds() {
		return jdbc.sql("select distinct kek_id from secrets").query(String.class).list();
	}

}
