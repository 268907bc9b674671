package dev.hubguard.egress;

import dev.hubguard.cluster.LiveDrift;
import dev.hubguard.cluster.Ownership;
import dev.hubguard.hub.CatalogueHub;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * When Hubguard's own policy in the cluster is not the one it renders (someone changed
 * it, and the reconciler is putting it back), the explainer says so rather than calling
 * the changed rule Hubguard's.
 */
final class ChangedPolicyNote {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

	private ChangedPolicyNote() {
	}

	/**
	 * "changed in the cluster at 19:01 UTC": when the live {@value EgressRenderer#NAME}
	 * differs from the desired version's rendering (the time is that of the other
	 * manager's write when the server records it, else {@code now}); empty when it does
	 * not, or when there is no desired version or no live policy.
	 */
	static Optional<String> of(CatalogueHub hub, List<NetworkPolicy> live, Optional<EgressVersions.Version> desired,
			Instant now) {
		Optional<NetworkPolicy> ours = live.stream()
			.filter(policy -> EgressRenderer.NAME.equals(policy.getMetadata().getName())
					&& Ownership.managedByHubguard(policy))
			.findFirst();
		if (ours.isEmpty() || desired.isEmpty()) {
			return Optional.empty();
		}
		NetworkPolicy rendered = EgressRenderer.render(hub, desired.get().policy(), desired.get().number());
		if (LiveDrift.paths(rendered, ours.get()).isEmpty()) {
			return Optional.empty();
		}
		Instant at = LiveDrift.changedByOthersAt(ours.get()).orElse(now);
		return Optional.of("changed in the cluster at " + TIME.format(at));
	}

	/** The explanation, with what the note says about Hubguard's policy. */
	static DestinationTester.Explained mark(DestinationTester.Explained explained, Optional<String> note) {
		if (note.isEmpty()) {
			return explained;
		}
		String reason;
		if (!explained.verdict().equals("blocked") && EgressRenderer.NAME.equals(explained.policy())) {
			String rule = explained.rule() == null ? "" : " (" + DestinationTester.plain(explained.rule()) + ")";
			reason = "Allowed by " + EgressRenderer.NAME + " as " + note.get() + rule
					+ ", not as approved; Hubguard is putting it back.";
		}
		else {
			reason = explained.reason() + " Hubguard's policy " + EgressRenderer.NAME + " was " + note.get()
					+ "; Hubguard is putting it back.";
		}
		return new DestinationTester.Explained(explained.destination(), explained.port(), explained.protocol(),
				explained.label(), explained.verdict(), reason, explained.policy(), explained.rule());
	}

}
