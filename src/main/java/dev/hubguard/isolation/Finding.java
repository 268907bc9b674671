package dev.hubguard.isolation;

import java.util.List;

/**
 * One check's result for one hub.
 *
 * @param evidence sentences naming the objects and fields looked at
 * @param objects the offending objects ({@code Kind namespace/name}), which an exemption
 * may name
 * @param exemption while exempt: why, by whom and until when; otherwise null
 */
public record Finding(Check check, Result result, List<String> evidence, List<String> objects, String exemption) {

	public Finding {
		evidence = List.copyOf(evidence);
		objects = List.copyOf(objects);
	}

	Finding exempted(String why) {
		return new Finding(check, Result.EXEMPT, evidence, objects, why);
	}

	public String id() {
		return check.id();
	}

}
