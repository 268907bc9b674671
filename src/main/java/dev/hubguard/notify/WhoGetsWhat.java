package dev.hubguard.notify;

import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.RecentPeople;
import dev.hubguard.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * For staff: who would be told what about a hub today, and how (at once, a digest, off),
 * by the same rules as real notices.
 */
@Component
class WhoGetsWhat {

	private final HubCatalogue catalogue;

	private final RecentPeople people;

	private final Preferences preferences;

	private final NotifyProperties properties;

	WhoGetsWhat(HubCatalogue catalogue, RecentPeople people, Preferences preferences, NotifyProperties properties) {
		this.catalogue = catalogue;
		this.people = people;
		this.preferences = preferences;
		this.properties = properties;
	}

	/** One kind and its recipients, each as "who (channel: mode)". */
	record KindView(String kind, String label, List<String> recipients) {
	}

	List<KindView> forHub(String hub) {
		CatalogueHub found;
		try {
			found = catalogue.find(HubRef.parse(hub.strip()))
				.orElseThrow(() -> new InvalidInputException("hub", "No hub " + hub.strip() + " is in the catalogue."));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("hub", "A hub is written cluster/hub, e.g. 2i2c/mtu.");
		}
		List<RecentPeople.Reachable> everyone = people.all();
		List<KindView> kinds = new ArrayList<>();
		for (NoticeKind kind : NoticeKind.values()) {
			if (kind.groups().contains(NoticeKind.Group.TARGET) && kind.groups().size() == 1) {
				continue;
			}
			Notice notice = new Notice(kind, found.ref().toString(), "", null, null, null, "", "", "", null);
			List<String> recipients = new ArrayList<>();
			for (Audience.Recipient r : Audience.of(notice, Optional.of(found), everyone, properties.staffEmails(),
					properties.staffChat())) {
				recipients.add(r.key() + " (" + r.channel() + ": "
						+ preferences.mode(r.key(), kind, r.channel(), r.staffOnly()).id() + ")");
			}
			kinds.add(new KindView(kind.id(), kind.label(), recipients));
		}
		return kinds;
	}

}
