package dev.hubguard.changes;

import dev.hubguard.hub.HubRef;

/**
 * A kind of desired state that change requests can change (internet access, secrets). The
 * feature that owns the state implements this; requests store its states as opaque JSON
 * text.
 * <p>
 * Those states are shown to users (the request page, the API) and written to the audit
 * log, which is append-only and kept forever: a state must never hold secret material.
 * {@link #redact} is the last guard: every state passes through it before it is shown or
 * audited.
 */
public interface ChangeKind {

	/** A stable id such as {@code internet-access}. */
	String id();

	/** The hub's current desired-state version (0 when it has none). */
	int currentVersion(HubRef hub);

	/**
	 * The current version of each of {@code hubs}, for a page of requests; a kind whose
	 * versions live in one table should answer in one query.
	 */
	default java.util.Map<HubRef, Integer> currentVersions(java.util.Collection<HubRef> hubs) {
		java.util.Map<HubRef, Integer> versions = new java.util.HashMap<>();
		hubs.forEach(hub -> versions.put(hub, currentVersion(hub)));
		return versions;
	}

	/**
	 * The hub's current desired state as stored in requests, or null when it has none.
	 */
	String currentState(HubRef hub);

	/**
	 * Whether going from {@code before} (null: none) to {@code after} gives access that
	 * {@code before} did not.
	 */
	boolean widens(String before, String after);

	/**
	 * Makes {@code after} the hub's desired state, in the caller's transaction; returns
	 * the new version. Implementations serialise per hub and fail if the current version
	 * is no longer {@code baseVersion}.
	 */
	int apply(HubRef hub, String after, int baseVersion, String by, long requestId);

	/**
	 * The state as it may be shown and audited; a kind whose states could carry secret
	 * material removes it here. The default shows the state as stored.
	 */
	default String redact(String state) {
		return state;
	}

	/**
	 * The request's headline for going from {@code before} to {@code after}, recomputed
	 * when it is rebased; null keeps the headline it was filed with.
	 */
	default String summary(String before, String after) {
		return null;
	}

	/**
	 * The change as rules added and removed, each line starting with {@code "+ "} or
	 * {@code "− "}; empty when the kind shows no such diff.
	 */
	default java.util.List<String> diff(String before, String after) {
		return java.util.List.of();
	}

	/**
	 * What the hub would be like with {@code after} applied, one line each (for internet
	 * access: what user servers could reach, through the evaluator); empty when the kind
	 * has no such preview.
	 */
	default java.util.List<String> preview(HubRef hub, String after) {
		return java.util.List.of();
	}

	/**
	 * Whether the cluster runs the desired {@code version} an approved request made, as
	 * observed there (not as Hubguard recorded doing it); null when the kind cannot say.
	 */
	default Enforcement enforcement(HubRef hub, int version) {
		return null;
	}

	/**
	 * What the cluster was seen to run: the version of the live object (null: none seen),
	 * when it was last applied, and why the last attempt failed (null: it did not).
	 */
	record Enforcement(Integer liveVersion, java.time.Instant appliedAt, String error) {

		/** The cluster runs {@code version} or a later one. */
		public boolean runs(int version) {
			return liveVersion != null && liveVersion >= version;
		}

	}

	/**
	 * What, within its hub and kind, a request is about (a secret's name), so that one
	 * person keeps one open request per subject; null: the kind as a whole.
	 */
	default String subject(String after) {
		return null;
	}

	/**
	 * A request with this {@code after} state was rejected or withdrawn: a kind that
	 * keeps material for pending requests (a secret's sealed value) destroys it here.
	 */
	default void discarded(HubRef hub, String after) {
	}

}
