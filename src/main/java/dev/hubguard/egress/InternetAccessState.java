package dev.hubguard.egress;

import dev.hubguard.changes.ChangeKind;
import dev.hubguard.changes.ChangeProposal;
import dev.hubguard.changes.ChangeRequestView;
import dev.hubguard.changes.ChangeRequests;
import dev.hubguard.cluster.DesiredObject;
import dev.hubguard.cluster.DesiredObjects;
import dev.hubguard.cluster.Ownership;
import dev.hubguard.cluster.ReconcileStatus;
import dev.hubguard.cluster.Reconciler;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Internet access as desired state: the approved versions, how change requests move them
 * (a {@link ChangeKind}), and the NetworkPolicy each renders for the reconciler.
 */
@Component
class InternetAccessState implements ChangeKind, DesiredObjects {

	static final String KIND = "internet-access";

	private final EgressVersions versions;

	private final HubCatalogue catalogue;

	private final Clock clock;

	private final EffectiveAccess effective;

	/** Lazily: the reconciler renders this feature's objects, so it cannot come first. */
	private final ObjectProvider<Reconciler> reconciler;

	InternetAccessState(EgressVersions versions, HubCatalogue catalogue, Clock clock, EffectiveAccess effective,
			ObjectProvider<Reconciler> reconciler) {
		this.effective = effective;
		this.reconciler = reconciler;
		this.versions = versions;
		this.catalogue = catalogue;
		this.clock = clock;
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
	public String summary(String before, String after) {
		return headline(EgressPolicyJson.read(before), EgressPolicyJson.read(after));
	}

	/** A request's headline: "blocked (no internet) → web only (80, 443)". */
	static String headline(EgressPolicy before, EgressPolicy after) {
		return (before == null ? "unmanaged" : before.summary()) + " → " + after.summary();
	}

	/**
	 * The standard destinations with the requested policy in place of Hubguard's current
	 * one, beside the chart's policies from the cache.
	 */
	@Override
	public List<String> preview(HubRef hub, String after) {
		var found = catalogue.find(hub);
		var cached = found.flatMap(effective::cachedPolicies);
		if (cached.isEmpty()) {
			return List.of();
		}
		List<NetworkPolicy> policies = new java.util.ArrayList<>(
				cached.get().stream().filter(p -> !EgressRenderer.NAME.equals(p.getMetadata().getName())).toList());
		EgressPolicy proposed = EgressPolicyJson.read(after);
		policies.add(EgressRenderer.render(found.get(), proposed, 0));
		List<String> lines = new java.util.ArrayList<>(EffectiveAccess
			.forUserServers(found.get(), policies,
					StandardProbes.forHub(found.get().namespace(), found.get().helmRelease()))
			.stream()
			.map(v -> (v.allowed() ? "reachable: " : "blocked: ") + v.destination().label())
			.toList());
		// One line per proposed allow-list entry, judged as the page's own rows are.
		DestinationTester.entries(found.get(), policies, proposed)
			.forEach(entry -> lines.add(entry.verdict() + ": allow-list entry " + entry.label()));
		return lines;
	}

	/**
	 * The live policy's version from the cluster's cache (what the cluster was seen to
	 * hold), with the reconciler's last apply time or error for it.
	 */
	@Override
	public Enforcement enforcement(HubRef hub, int version) {
		Optional<CatalogueHub> found = catalogue.find(hub);
		if (found.isEmpty()) {
			return null;
		}
		Integer live = effective.cachedPolicies(found.get())
			.flatMap(policies -> policies.stream()
				.filter(p -> EgressRenderer.NAME.equals(p.getMetadata().getName()) && Ownership.managedByHubguard(p))
				.findFirst())
			.map(p -> p.getMetadata().getAnnotations() == null ? null
					: p.getMetadata().getAnnotations().get(Ownership.VERSION_ANNOTATION))
			.filter(text -> text.matches("\\d{1,9}"))
			.map(Integer::valueOf)
			.orElse(null);
		Optional<ReconcileStatus> status = reconciler.getObject()
			.status(hub)
			.stream()
			.filter(s -> s.object().endsWith("/NetworkPolicy/" + found.get().namespace() + "/" + EgressRenderer.NAME))
			.findFirst();
		return new Enforcement(live, status.map(ReconcileStatus::lastAppliedAt).orElse(null),
				status.map(ReconcileStatus::lastError).orElse(null));
	}

	@Override
	public List<String> diff(String before, String after) {
		List<String> from = PolicyLines.of(EgressPolicyJson.read(before));
		List<String> to = PolicyLines.of(EgressPolicyJson.read(after));
		List<String> lines = new java.util.ArrayList<>();
		from.stream().filter(line -> !to.contains(line)).forEach(line -> lines.add("− " + line));
		to.stream().filter(line -> !from.contains(line)).forEach(line -> lines.add("+ " + line));
		return lines;
	}

	@Override
	public int currentVersion(HubRef hub) {
		return versions.current(hub).map(EgressVersions.Version::number).orElse(0);
	}

	@Override
	public java.util.Map<HubRef, Integer> currentVersions(java.util.Collection<HubRef> hubs) {
		return versions.numbers(hubs);
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
	public List<HubRef> changedSince(long watermark) {
		return versions.hubsAfter(watermark).stream().filter(hub -> catalogue.find(hub).isPresent()).toList();
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
