package dev.hubguard.isolation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Staff's decision that one check (optionally for one object) of one hub does not count
 * until the end of {@code expiresOn} (UTC); after that the check counts again.
 *
 * @param object an offending object as the finding names it ({@code Kind
 * namespace/name}); null: the whole check
 */
public record Exemption(long id, String hub, String checkId, String object, String reason, String author,
		LocalDate expiresOn, Instant createdAt) {

	public boolean activeAt(Instant now) {
		return now.isBefore(expiresOn.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
	}

	/**
	 * Whether it covers the finding: same check, and either no object or the finding's
	 * only offending object.
	 */
	boolean covers(Finding finding) {
		if (!checkId.equals(finding.id())) {
			return false;
		}
		return object == null || (!finding.objects().isEmpty() && finding.objects().stream().allMatch(object::equals));
	}

	String describe() {
		return reason + " — " + author + ", until " + expiresOn + (object == null ? "" : " (" + object + ")");
	}

	/**
	 * The findings with every failing or warning one that an active exemption covers
	 * marked exempt.
	 */
	static List<Finding> apply(List<Finding> findings, List<Exemption> exemptions, Instant now) {
		List<Finding> out = new ArrayList<>(findings.size());
		for (Finding finding : findings) {
			Finding result = finding;
			if (finding.result() == Result.FAIL || finding.result() == Result.WARN) {
				for (Exemption exemption : exemptions) {
					if (exemption.activeAt(now) && exemption.covers(finding)) {
						result = finding.exempted(exemption.describe());
						break;
					}
				}
			}
			out.add(result);
		}
		return out;
	}

}
