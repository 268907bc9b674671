package dev.hubguard.hub;

/** A cluster in the catalogue and how to reach its API server. */
public record ClusterSummary(String name, String provider, String kubeContext, boolean inCluster) {
}
