package dev.hubguard.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HubRefTest {

	@Test
	void hubsSortAsTheirCluster_slash_hubNamesDo() {
		// Prefixes and '-' (which sorts before '/') are where a field-by-field order
		// would differ.
		List<HubRef> refs = new ArrayList<>(List.of(new HubRef("a", "b"), new HubRef("a-b", "c"), new HubRef("ab", "a"),
				new HubRef("a", "b-c"), new HubRef("a", "bc"), new HubRef("a0", "z"), new HubRef("2i2c", "mtu")));
		Random random = new Random(12);
		String alphabet = "ab-0";
		for (int i = 0; i < 2000; i++) {
			refs.add(new HubRef(name(random, alphabet), name(random, alphabet)));
		}
		List<HubRef> byRef = refs.stream().sorted().toList();
		List<HubRef> byText = refs.stream().sorted(Comparator.comparing(HubRef::toString)).toList();
		assertThat(byRef).isEqualTo(byText);
	}

	@Test
	void aHubEqualsItselfInOrder() {
		assertThat(new HubRef("2i2c", "mtu").compareTo(new HubRef("2i2c", "mtu"))).isZero();
	}

	private static String name(Random random, String alphabet) {
		StringBuilder name = new StringBuilder().append((char) ('a' + random.nextInt(3)));
		for (int i = random.nextInt(4); i > 0; i--) {
			name.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return name.append((char) ('a' + random.nextInt(3))).toString();
	}

}
