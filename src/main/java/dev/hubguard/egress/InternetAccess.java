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
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Internet access as desired state: requests go through {@link ChangeRequests}; approved
 * versions are stored here and rendered for the reconciler.
 */
@Service
public class InternetAccess implements ChangeKind, DesiredObjects {

	static final String KIND = "internet-access";

	private final EgressVersions versions;

	private final HubCatalogue catalogue;

	private final ChangeRequests changes;

	private final Clock clock;

	InternetAccess(EgressVersions versions, HubCatalogue catalogue, ChangeRequests changes, Clock clock) {
		this.versions = versions;
		this.catalogue = catalogue;
		this.changes = changes;
		this.clock = clock;
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
		EgressPolicy after = EgressPolicyValidator.validate(form.mode(), Boolean.TRUE.equals(form.allowPrivate()),
				form.rules());
		Optional<EgressVersions.Version> current = versions.current(hub);
		EgressPolicy before = current.map(EgressVersions.Version::policy).orElse(null);
		int base = form.baseVersion() == null ? current.map(EgressVersions.Version::number).orElse(0)
				: form.baseVersion();
		String summary = (before == null ? "unmanaged" : before.summary()) + " → " + after.summary();
		return changes.submit(who, new ChangeProposal(hub, KIND, EgressPolicyJson.write(before),
				EgressPolicyJson.write(after), summary, form.justification(), base, after.widens(before)));
	}

	/**
	 * The desired policy's one-line summary of every managed hub, by {@code cluster/hub}.
	 */
	public java.util.Map<String, String> summaries() {
		return versions.currentSummaries();
	}

	@Override
	public boolean widens(String before, String after) {
		return EgressPolicyJson.read(after).widens(EgressPolicyJson.read(before));
	}

	@Override
	public String id() {
		return KIND;
	}

	@Override
	public int currentVersion(HubRef hub) {
		return versions.current(hub).map(EgressVersions.Version::number).orElse(0);
	}

	@Override
	public String currentState(HubRef hub) {
		return versions.current(hub).map(v -> EgressPolicyJson.write(v.policy())).orElse(null);
	}

	@Override
	public int apply(HubRef hub, String after, int baseVersion, String by, long requestId) {
		versions.lock(hub);
		int current = currentVersion(hub);
		if (current != baseVersion) {
			throw new ConflictException(
					"The hub's internet access changed meanwhile (now version " + current + "); rebase the request.");
		}
		versions.insert(hub, current + 1, after, by, requestId, clock.instant());
		return current + 1;
	}

	@Override
	public List<Class<? extends HasMetadata>> kinds() {
		return List.of(NetworkPolicy.class);
	}

	@Override
	public List<HubRef> managedHubs() {
		return versions.hubs().stream().filter(hub -> catalogue.find(hub).isPresent()).toList();
	}

	@Override
	public List<DesiredObject> render(HubRef hub) {
		Optional<CatalogueHub> found = catalogue.find(hub);
		Optional<EgressVersions.Version> current = versions.current(hub);
		if (found.isEmpty() || current.isEmpty()) {
			return List.of();
		}
		EgressVersions.Version version = current.get();
		return List.of(new DesiredObject(hub, version.number(),
				EgressRenderer.render(found.get(), version.policy(), version.number())));
	}

	@Override
	public long watermark() {
		return versions.watermark();
	}

}
