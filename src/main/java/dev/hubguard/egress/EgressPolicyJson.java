package dev.hubguard.egress;

import tools.jackson.databind.json.JsonMapper;

/**
 * Desired policies are stored and compared as JSON text (in versions and in change
 * requests).
 */
final class EgressPolicyJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private EgressPolicyJson() {
	}

	static String write(EgressPolicy policy) {
		return policy == null ? null : JSON.writeValueAsString(policy);
	}

	static EgressPolicy read(String json) {
		return json == null ? null : JSON.readValue(json, EgressPolicy.class);
	}

}
