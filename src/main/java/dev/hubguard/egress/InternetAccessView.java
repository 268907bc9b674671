package dev.hubguard.egress;

import dev.hubguard.changes.ChangeRequestView;
import dev.hubguard.cluster.ReconcileStatus;
import java.time.Instant;
import java.util.List;

/**
 * A hub's internet access for the API and the page: desired version, reconcile status,
 * open requests.
 */
public record InternetAccessView(String hub, Desired desired, List<ReconcileStatus> status,
		List<ChangeRequestView> requests) {

	/**
	 * The desired policy; null in the view when Hubguard does not manage the hub's access
	 * yet.
	 */
	public record Desired(int version, EgressPolicy policy, String summary, Instant createdAt, String createdBy,
			Long changeRequestId) {
	}

}
