package dev.hubguard.egress;

import dev.hubguard.changes.ChangeKind;
import dev.hubguard.changes.ChangeProposal;
import dev.hubguard.changes.ChangeRequestView;
import dev.hubguard.changes.ChangeRequests;
import dev.hubguard.cluster.DesiredObject;
import dev.hubguard.cluster.DesiredObjects;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import dev.hubguard.shared.ConflictException;
import dev.hubguard.shared.InvalidInputException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Internet access as hub admins ask for it: a request is validated and filed through
 * {@link ChangeRequests}; the approved versions are {@link InternetAccessState}'s.
 */
@Service
public class InternetAccess {

	static final String KIND = InternetAccessState.KIND;

	private final EgressVersions versions;

	private final ChangeRequests changes;

	InternetAccess(EgressVersions versions, ChangeRequests changes) {
		this.versions = versions;
		this.changes = changes;
	}

	/**
	 * The desired policy and its version; empty when Hubguard does not manage this hub's
	 * access yet.
	 */
	Optional<EgressVersions.Version> desired(HubRef hub) {
		return versions.current(hub);
	}

	/** The hub's desired policy; empty when Hubguard does not manage its access. */
	public Optional<EgressPolicy> desiredPolicy(HubRef hub) {
		return versions.current(hub).map(EgressVersions.Version::policy);
	}

	/** The desired policy of every managed hub, by {@code cluster/hub}, in one query. */
	public java.util.Map<String, EgressPolicy> desiredPolicies() {
		return versions.currentPolicies();
	}

	/**
	 * Validates and files a request; a pure reduction of exposure is applied at once
	 * (when configured).
	 */
	@Transactional
	public ChangeRequestView request(Authentication who, HubRef hub, InternetAccessForm form) {
		if (form.baseVersion() == null) {
			// Never "whatever is current": that would skip the stale-version guard.
			throw new InvalidInputException("baseVersion",
					"Say which desired version this change is based on (baseVersion, 0 when the hub is not managed yet).");
		}
		EgressPolicy after = EgressPolicyValidator.validate(form.mode(), Boolean.TRUE.equals(form.allowPrivate()),
				form.rules());
		Optional<EgressVersions.Version> current = versions.current(hub);
		EgressPolicy before = current.map(EgressVersions.Version::policy).orElse(null);
		int base = form.baseVersion();
		String summary = InternetAccessState.headline(before, after);
		return changes.submit(who,
				new ChangeProposal(hub, KIND, EgressPolicyJson.write(before), EgressPolicyJson.write(after), summary,
						form.justification(), base, after.widens(before))
					.replacing(form.replaces()));
	}

	/**
	 * The desired policy's one-line summary of every managed hub, by {@code cluster/hub}.
	 */
	public java.util.Map<String, String> summaries() {
		return versions.currentSummaries();
	}

}
