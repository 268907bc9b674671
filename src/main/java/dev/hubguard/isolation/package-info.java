/**
 * Isolation status: posture checks of each hub's user servers, network and platform, read
 * from the cluster caches, with exemptions, snapshots and history.
 */
package dev.hubguard.isolation;
