package dev.hubguard.cluster;

import dev.hubguard.hub.HubRef;

/**
 * A hub's desired state has a new version; published inside the approving transaction.
 */
public record DesiredStateChanged(HubRef hub, String kind, int version) {
}
