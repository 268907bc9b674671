package dev.hubguard.hub;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The provider's cluster list, as written in the catalogue YAML file. */
@JsonIgnoreProperties(ignoreUnknown = true)
record CatalogueFile(List<ClusterEntry> clusters) {

	@JsonIgnoreProperties(ignoreUnknown = true)
	record ClusterEntry(String name, String provider, String kubeContext, Boolean inCluster, List<HubEntry> hubs) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record HubEntry(String name, String namespace, String helmRelease, String url, String auth, AdminsEntry admins,
			@JsonProperty("notify") NotifyEntry contacts) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record NotifyEntry(List<String> email, String chat) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record AdminsEntry(List<String> users, List<String> githubTeams, CilogonEntry cilogon) {
	}

	@JsonIgnoreProperties(ignoreUnknown = true)
	record CilogonEntry(String idp, List<String> allowedDomains) {
	}

}
