package dev.hubguard.egress;

/**
 * Whether a pod may connect to one destination, and why.
 *
 * @param destination what was checked
 * @param allowed whether the connection is allowed
 * @param policy the NetworkPolicy that allows it; null when denied or when no policy
 * isolates the pod for egress
 * @param rule the allowing egress rule in words, like "egress rule 5: to 0.0.0.0/0 except
 * 10.0.0.0/8; all ports"; null when {@code policy} is
 * @param reason one sentence for a person
 */
public record Verdict(Destination destination, boolean allowed, String policy, String rule, String reason) {

}
