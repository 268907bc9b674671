package dev.hubguard.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubguard.shared.InvalidInputException;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure parts: names, rendering, the envelope, the wiring verdict. */
class SecretRulesTest {

	@Test
	void goodNamesPassAndServerChangingNamesAreRefusedInAnyCase() {
		assertThatCode(() -> SecretRules.name("OPENAI_API_KEY", Delivery.ENV, Set.of())).doesNotThrowAnyException();
		assertThatCode(() -> SecretRules.name("_private", Delivery.ENV, Set.of())).doesNotThrowAnyException();
		assertThatCode(() -> SecretRules.name("github-app.pem", Delivery.FILE, Set.of())).doesNotThrowAnyException();
		for (String reserved : List.of("PATH", "Path", "ld_library_path", "JUPYTERHUB_USER", "Jpy_Cookie",
				"KUBERNETES_PORT", "HOME", "shell", "REQUESTS_CA_BUNDLE", "HTTPS_PROXY")) {
			assertThatThrownBy(() -> SecretRules.name(reserved, Delivery.ENV, Set.of())).as(reserved)
				.isInstanceOf(InvalidInputException.class)
				.extracting("field")
				.isEqualTo("name");
		}
		assertThatThrownBy(() -> SecretRules.name("licence.lic", Delivery.ENV, Set.of()))
			.isInstanceOf(InvalidInputException.class);
		assertThatThrownBy(() -> SecretRules.name("..data", Delivery.FILE, Set.of()))
			.isInstanceOf(InvalidInputException.class);
		// "." cannot even be a path segment of the API (the server refuses it); the page
		// form still sends it.
		assertThatThrownBy(() -> SecretRules.name(".", Delivery.FILE, Set.of()))
			.isInstanceOf(InvalidInputException.class);
	}

	@Test
	void rendersOneSecretPerDeliveryInBase64AndNoneWithoutKeys() {
		List<Secret> both = SecretRenderer.render("mtu",
				List.of(new SecretRenderer.Value("KEY", Delivery.ENV, "v".getBytes()),
						new SecretRenderer.Value("a.pem", Delivery.FILE, new byte[] { 0, 1 })));
		assertThat(both).extracting(s -> s.getMetadata().getName())
			.containsExactly("hubguard-user-env", "hubguard-user-files");
		assertThat(both.get(0).getData()).containsEntry("KEY", Base64.getEncoder().encodeToString("v".getBytes()));
		assertThat(both.get(0).getStringData()).isNullOrEmpty();
		assertThat(SecretRenderer.render("mtu", List.of(new SecretRenderer.Value("KEY", Delivery.ENV, "v".getBytes()))))
			.extracting(s -> s.getMetadata().getName())
			.containsExactly("hubguard-user-env");
		assertThat(SecretRenderer.render("mtu", List.of())).isEmpty();
	}

	@Test
	void anEnvelopeOpensOnlyWithItsKekAndItsOwnContext() {
		KeyRing ring = new KeyRing(java.util.Map.of("a", new byte[32]), "a");
		Envelope.Sealed sealed = Envelope.seal(ring, "value".getBytes(),
				Envelope.secretContext(2, "c/h", "N", 1, Delivery.ENV));
		assertThat(new String(Envelope.open(ring, sealed, Envelope.secretContext(2, "c/h", "N", 1, Delivery.ENV))))
			.isEqualTo("value");
		assertThatThrownBy(() -> Envelope.open(ring, sealed, Envelope.secretContext(2, "c/h", "N", 2, Delivery.ENV)))
			.isInstanceOf(UndecryptableException.class);
		assertThatThrownBy(
				() -> Envelope.open(ring, sealed, Envelope.secretContext(2, "c/other", "N", 1, Delivery.ENV)))
			.isInstanceOf(UndecryptableException.class);
		assertThatThrownBy(() -> Envelope.open(ring, sealed, Envelope.secretContext(2, "c/h", "N", 1, Delivery.FILE)))
			.as("another delivery")
			.isInstanceOf(UndecryptableException.class);
		assertThatThrownBy(() -> Envelope.open(ring, sealed, Envelope.secretContext(1, "c/h", "N", 1, Delivery.ENV)))
			.as("the older format")
			.isInstanceOf(UndecryptableException.class);
		byte[] other = new byte[32];
		other[0] = 1;
		assertThatThrownBy(() -> Envelope.open(new KeyRing(java.util.Map.of("a", other), "a"), sealed,
				Envelope.secretContext(2, "c/h", "N", 1, Delivery.ENV)))
			.isInstanceOf(UndecryptableException.class);
		assertThat(new KeyRing(java.util.Map.of("a", new byte[32]), "a").toString()).doesNotContain("AAAA");
	}

	@Test
	void aPodWithEnvFromAndTheVolumeIsWiredAndItsOwnEnvShadowsASecret() {
		Pod wired = new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata()
			.withName("jupyter-ada")
			.withCreationTimestamp("2026-01-01T00:00:00Z")
			.endMetadata()
			.withNewSpec()
			.addNewVolume()
			.withName("files")
			.withNewSecret()
			.withSecretName("hubguard-user-files")
			.endSecret()
			.endVolume()
			.addNewContainer()
			.withName("notebook")
			.addNewEnvFrom()
			.withNewSecretRef()
			.withName("hubguard-user-env")
			.endSecretRef()
			.endEnvFrom()
			.addNewEnv()
			.withName("EARTHDATA_USERNAME")
			.endEnv()
			.addNewVolumeMount()
			.withName("files")
			.withMountPath("/etc/hubguard/secrets")
			.endVolumeMount()
			.endContainer()
			.endSpec()
			.build();
		Pod plain = new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata()
			.withName("jupyter-bo")
			.endMetadata()
			.withNewSpec()
			.addNewContainer()
			.withName("notebook")
			.endContainer()
			.endSpec()
			.build();
		Wiring.Report one = Wiring.check(List.of(wired), Set.of("EARTHDATA_USERNAME", "OTHER"),
				Instant.parse("2026-02-01T00:00:00Z"));
		assertThat(one.env()).isEqualTo(Wiring.Status.WIRED);
		assertThat(one.files()).isEqualTo(Wiring.Status.WIRED);
		assertThat(one.shadowed()).containsOnlyKeys("EARTHDATA_USERNAME");
		assertThat(one.restartNeeded()).extracting(Wiring.PodEvidence::pod).containsExactly("jupyter-ada");
		Wiring.Report two = Wiring.check(List.of(wired, plain), Set.of(), Instant.parse("2025-01-01T00:00:00Z"));
		assertThat(two.env()).isEqualTo(Wiring.Status.PARTLY);
		assertThat(two.restartNeeded()).isEmpty();
		assertThat(Wiring.check(List.of(plain), Set.of(), null).env()).isEqualTo(Wiring.Status.NOT_WIRED);
		assertThat(Wiring.check(List.of(), Set.of(), null).env()).isEqualTo(Wiring.Status.NO_SERVERS);
	}

}
