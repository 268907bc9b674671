package dev.hubguard.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hubguard.abuse.PodNames.Scheme;
import org.junit.jupiter.api.Test;

class PodNamesTest {

	@Test
	void escapedNamesOfKubeSpawnerBefore7AreReadBack() {
		assertThat(PodNames.username("jupyter-student2-40mtu-2eexample", Scheme.ESCAPED))
			.hasValue("student2@mtu.example");
		assertThat(PodNames.username("jupyter-anonymous-2d7f3a", Scheme.ESCAPED)).hasValue("anonymous-7f3a");
		assertThat(PodNames.username("jupyter--41da", Scheme.ESCAPED)).hasValue("Ada");
		assertThat(PodNames.username("jupyter-j-c3-a9r-c3-b4me", Scheme.ESCAPED)).hasValue("jérôme");
		assertThat(PodNames.username("jupyter-alice--gpu", Scheme.ESCAPED)).as("named server").hasValue("alice");
		assertThat(PodNames.username("jupyter-alice-2ebob-gpu", Scheme.ESCAPED)).as("named server before 1.0")
			.hasValue("alice.bob");
		assertThat(PodNames.username("jupyter-alice-2ebob", Scheme.ESCAPED).map(PodNames::escape))
			.hasValue("alice-2ebob");
	}

	@Test
	void safeNamesOfKubeSpawner7AreKeptAndHashedOnesCannotBeRead() {
		assertThat(PodNames.username("jupyter-maria-lopez", Scheme.SAFE)).hasValue("maria-lopez");
		assertThat(PodNames.username("jupyter-alice-2ebob", Scheme.SAFE)).hasValue("alice-2ebob");
		assertThat(PodNames.username("jupyter-maria-lopez--gpu", Scheme.SAFE)).hasValue("maria-lopez");
		assertThat(PodNames.username("jupyter-kim-lee-x---0a1b2c3d", Scheme.SAFE)).isEmpty();
		assertThat(PodNames.username("jupyter-kim-lee-x---0a1b2c3d--gpu", Scheme.SAFE)).isEmpty();
	}

	@Test
	void withTheSchemeUnknownOnlyNamesBothSchemesAgreeOnAreRead() {
		assertThat(PodNames.username("jupyter-alice", null)).hasValue("alice");
		assertThat(PodNames.username("jupyter-alice--gpu", null)).hasValue("alice");
		assertThat(PodNames.username("jupyter-alice-2ebob", null)).isEmpty();
		assertThat(PodNames.username("jupyter-kim---0a1b2c3d", null)).isEmpty();
		assertThat(PodNames.username("hub-7d9f8c6b5-x2kqp", null)).isEmpty();
		assertThat(PodNames.username("jupyter-", Scheme.ESCAPED)).isEmpty();
	}

	@Test
	void aHubsSchemeIsLearnedFromALivePodsNameAndAnnotation() {
		assertThat(PodNames.schemeOf("jupyter-student2-40mtu-2eexample", "student2@mtu.example"))
			.hasValue(Scheme.ESCAPED);
		assertThat(PodNames.schemeOf("jupyter-anonymous-2d7f3a", "anonymous-7f3a")).hasValue(Scheme.ESCAPED);
		assertThat(PodNames.schemeOf("jupyter-anonymous-7f3a", "anonymous-7f3a")).hasValue(Scheme.SAFE);
		assertThat(PodNames.schemeOf("jupyter-student2-mtu-ex---1a2b3c4d", "student2@mtu.example"))
			.hasValue(Scheme.SAFE);
		assertThat(PodNames.schemeOf("jupyter-alice", "alice")).as("both schemes agree").isEmpty();
	}

}
