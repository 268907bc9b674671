package dev.hubguard.isolation;

import java.time.Instant;
import java.util.List;

/**
 * One run of the network probe in a hub's namespace.
 *
 * @param reaches what the probe tried, once it finished; empty while running or when it
 * failed
 * @param error why the run failed (the pod did not finish, its log was unreadable), or
 * null
 */
public record ProbeRun(long id, String hub, String pod, String requestedBy, Instant startedAt, Instant finishedAt,
		Outcome outcome, List<Reach> reaches, String error) {

	public enum Outcome {

		/** Started, not finished. */
		RUNNING,
		/** Everything the policies deny was unreachable. */
		ENFORCED,
		/** The probe reached something the policies deny. */
		NOT_ENFORCED,
		/** No answer: see the error. */
		FAILED

	}

	/**
	 * One destination: whether the probe reached it, and what the hub's NetworkPolicies
	 * decide for it.
	 */
	public record Reach(String target, String address, int port, boolean reached, boolean allowed, String reason) {

		/** Reached although the policies deny it: the policy is not enforced. */
		public boolean breach() {
			return reached && !allowed;
		}

		public String describe() {
			String where = label(target) + " (" + (address.isEmpty() ? "no address" : address + ":" + port) + ")";
			if (breach()) {
				return where + " was reached, but the NetworkPolicies deny it: policy not enforced.";
			}
			if (reached) {
				return where + " was reached; the NetworkPolicies allow it.";
			}
			return where + " was not reached"
					+ (allowed
							? "; the NetworkPolicies allow it, so nothing answered there or something else blocks it."
							: ", as the NetworkPolicies decide.");
		}

		static String label(String target) {
			return switch (target) {
				case "cloud-metadata" -> "The cloud metadata server";
				case "private" -> "The Kubernetes API's private service address";
				case "public-web" -> "A public web address";
				case "other-user-server" -> "Another user's server";
				default -> target;
			};
		}

	}

	public List<Reach> breaches() {
		return reaches.stream().filter(Reach::breach).toList();
	}

}
