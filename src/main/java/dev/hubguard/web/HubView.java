package dev.hubguard.web;

import dev.hubguard.hub.CatalogueHub;

/** A hub as pages and the API show it. */
public record HubView(String ref, String cluster, String hub, String namespace, String helmRelease, String url,
		String auth, String page) {

	public static HubView of(CatalogueHub hub) {
		return new HubView(hub.ref().toString(), hub.ref().cluster(), hub.ref().hub(), hub.namespace(),
				hub.helmRelease(), hub.url(), hub.auth(), "/hubs/" + hub.ref());
	}

}
