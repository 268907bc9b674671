package dev.hubguard.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hubguard.shared.EmailAddress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Reads and validates a catalogue file; every problem is reported with the entry it
 * concerns.
 */
final class CatalogueParser {

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	private CatalogueParser() {
	}

	static List<CatalogueCluster> parse(String yaml) {
		CatalogueFile file;
		try {
			file = YAML.readValue(yaml, CatalogueFile.class);
		}
		catch (IOException ex) {
			throw new InvalidCatalogueException("not valid catalogue YAML: " + firstLine(ex.getMessage()));
		}
		if (file == null || file.clusters() == null) {
			throw new InvalidCatalogueException("the catalogue has no 'clusters' list");
		}
		List<CatalogueCluster> clusters = new ArrayList<>();
		Set<String> clusterNames = new HashSet<>();
		for (CatalogueFile.ClusterEntry entry : file.clusters()) {
			CatalogueCluster cluster = cluster(entry);
			if (!clusterNames.add(cluster.name())) {
				throw new InvalidCatalogueException("cluster " + cluster.name() + " is listed twice");
			}
			clusters.add(cluster);
		}
		return clusters;
	}

	private static CatalogueCluster cluster(CatalogueFile.ClusterEntry entry) {
		String name = requireName(entry.name(), "a cluster");
		boolean inCluster = Boolean.TRUE.equals(entry.inCluster());
		if (!inCluster && (entry.kubeContext() == null || entry.kubeContext().isBlank())) {
			throw new InvalidCatalogueException("cluster " + name + " needs kubeContext or inCluster: true");
		}
		List<CatalogueHub> hubs = new ArrayList<>();
		Set<String> hubNames = new HashSet<>();
		for (CatalogueFile.HubEntry hubEntry : Objects.requireNonNullElse(entry.hubs(),
				List.<CatalogueFile.HubEntry>of())) {
			CatalogueHub hub = hub(name, hubEntry);
			if (!hubNames.add(hub.ref().hub())) {
				throw new InvalidCatalogueException("hub " + hub.ref() + " is listed twice");
			}
			hubs.add(hub);
		}
		String provider = entry.provider() == null || entry.provider().isBlank() ? "unknown" : entry.provider().trim();
		return new CatalogueCluster(name, provider, inCluster ? null : entry.kubeContext().trim(), inCluster, hubs);
	}

	private static CatalogueHub hub(String cluster, CatalogueFile.HubEntry entry) {
		String name = requireName(entry.name(), "a hub of cluster " + cluster);
		HubRef ref = new HubRef(cluster, name);
		String namespace = entry.namespace() == null ? name : requireName(entry.namespace(), "the namespace of " + ref);
		String release = entry.helmRelease() == null ? name
				: requireName(entry.helmRelease(), "the helm release of " + ref);
		String auth = entry.auth() == null ? "cilogon" : entry.auth().trim().toLowerCase(Locale.ROOT);
		if (!auth.equals("cilogon") && !auth.equals("github")) {
			throw new InvalidCatalogueException(
					"hub " + ref + " has auth '" + entry.auth() + "': use cilogon or github");
		}
		return new CatalogueHub(ref, namespace, release, entry.url(), auth, rules(entry.admins(), ref),
				contacts(entry.contacts(), ref));
	}

	private static final java.util.regex.Pattern CHAT_KEY = java.util.regex.Pattern
		.compile("[a-z0-9][a-z0-9._-]{0,62}");

	private static HubContacts contacts(CatalogueFile.NotifyEntry notify, HubRef ref) {
		if (notify == null) {
			return HubContacts.none();
		}
		List<String> emails = new ArrayList<>();
		for (String email : Objects.requireNonNullElse(notify.email(), List.<String>of())) {
			String entry = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
			if (!EmailAddress.isValid(entry)) {
				throw new InvalidCatalogueException(
						"hub " + ref + " lists '" + email + "' under notify.email: an entry is an email address");
			}
			emails.add(entry);
		}
		String chat = notify.chat() == null || notify.chat().isBlank() ? null : notify.chat().strip();
		if (chat != null && !CHAT_KEY.matcher(chat).matches()) {
			throw new InvalidCatalogueException("hub " + ref + " has notify.chat '" + chat
					+ "': it names a key of the webhooks file (a-z, 0-9, '.', '_', '-'), never a URL");
		}
		return new HubContacts(emails.stream().distinct().sorted().toList(), chat);
	}

	private static AdminRules rules(CatalogueFile.AdminsEntry admins, HubRef ref) {
		if (admins == null) {
			return AdminRules.none();
		}
		for (String user : Objects.requireNonNullElse(admins.users(), List.<String>of())) {
			String entry = user == null ? "" : user.strip();
			if (EmailAddress.isEmailEntry(entry) ? !EmailAddress.isValid(entry)
					: !GITHUB_LOGIN.matcher(entry).matches()) {
				throw new InvalidCatalogueException("hub " + ref + " lists the admin '" + user + "': an entry is a "
						+ "CILogon email (name@domain.example) or a GitHub login (letters, digits and single '-')");
			}
		}
		CatalogueFile.CilogonEntry cilogon = admins.cilogon();
		return new AdminRules(admins.users(), admins.githubTeams(), cilogon == null ? null : cilogon.idp(),
				cilogon == null ? List.of() : cilogon.allowedDomains());
	}

	private static final java.util.regex.Pattern GITHUB_LOGIN = java.util.regex.Pattern
		.compile("[A-Za-z0-9](-?[A-Za-z0-9]){0,38}");

	private static String requireName(String value, String what) {
		if (!HubRef.isValidName(value)) {
			throw new InvalidCatalogueException(
					what + " has the name '" + value + "': names are lower-case DNS labels (a-z, 0-9, '-')");
		}
		return value;
	}

	private static String firstLine(String message) {
		return message == null ? "" : message.lines().findFirst().orElse("");
	}

}
