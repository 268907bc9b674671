/**
 * Kubernetes clients per cluster, the reconciler, drift watch, leader lock and the
 * in-memory demo clusters.
 */
package dev.hubguard.cluster;
