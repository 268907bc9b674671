package dev.hubguard.hub;

/** A hub as the catalogue describes it. */
public record CatalogueHub(HubRef ref, String namespace, String helmRelease, String url, String auth, AdminRules admins,
		HubContacts contacts) {

	public CatalogueHub {
		contacts = contacts == null ? HubContacts.none() : contacts;
	}

	public CatalogueHub(HubRef ref, String namespace, String helmRelease, String url, String auth, AdminRules admins) {
		this(ref, namespace, helmRelease, url, auth, admins, HubContacts.none());
	}

}
