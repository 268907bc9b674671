package dev.hubguard.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenNameTest {

	@Test
	void aNameWithADirectionControlIsRefused() {
		for (String name : new String[] { "deploy\u202Etxt.exe", "ci\u2066bot\u2069", "a\u200Fb" }) {
			assertThatThrownBy(() -> TokenName.validate(name)).as(name)
				.isInstanceOf(InvalidTokenRequestException.class)
				.hasMessageContaining("direction");
		}
	}

	@Test
	void anOrdinaryNameInAnyScriptIsKept() {
		assertThat(TokenName.validate(" nightly export ")).isEqualTo("nightly export");
		assertThat(TokenName.validate("גיבוי לילי")).isEqualTo("גיבוי לילי");
	}

}
