package dev.hubguard.notify;

import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.identity.RecentPeople.Reachable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a notice is for: pure rules. A person hears about a hub only while they may see it
 * (staff, or an admin of it by today's catalogue); someone who caused a notice is not
 * told of it as one of a group; the catalogue's addresses of a hub hear what its admins
 * hear, and staff's configured addresses what staff hear.
 */
final class Audience {

	private Audience() {
	}

	/**
	 * One recipient on one channel.
	 *
	 * @param key the sign-in id, {@code mailto:<address>} or {@code chat:<key>}
	 * @param address the email address or webhook key; null for the portal
	 * @param staffOnly a member of staff who is not an admin of the hub (staff defaults)
	 */
	record Recipient(String key, String channel, String address, boolean staffOnly) {
	}

	static List<Recipient> of(Notice notice, Optional<CatalogueHub> hub, List<Reachable> people,
			List<String> staffEmails, String staffChat) {
		Map<String, Recipient> out = new LinkedHashMap<>();
		var groups = notice.kind().groups();
		for (Reachable person : people) {
			boolean admin = hub.isPresent() && person.administers(hub.get());
			boolean mayKnow = notice.hub() == null ? person.staff() : person.staff() || admin;
			if (!mayKnow) {
				continue;
			}
			boolean other = !person.handle().equals(notice.actor());
			boolean wanted = (groups.contains(NoticeKind.Group.STAFF) && person.staff() && other)
					|| (groups.contains(NoticeKind.Group.ADMINS) && admin && other)
					|| (groups.contains(NoticeKind.Group.TARGET) && person.handle().equals(notice.target()));
			if (!wanted) {
				continue;
			}
			boolean staffOnly = person.staff() && !admin;
			add(out, new Recipient(person.handle(), "portal", null, staffOnly));
			if (person.email() != null) {
				add(out, new Recipient(person.handle(), "email", person.email(), staffOnly));
			}
		}
		List<String> emails = new ArrayList<>();
		List<String> chats = new ArrayList<>();
		if (groups.contains(NoticeKind.Group.ADMINS) && hub.isPresent()) {
			emails.addAll(hub.get().contacts().emails());
			chats.add(hub.get().contacts().chat());
		}
		if (groups.contains(NoticeKind.Group.STAFF)) {
			emails.addAll(staffEmails);
			chats.add(staffChat);
		}
		for (String email : emails) {
			add(out, new Recipient("mailto:" + email, "email", email, false));
		}
		chats.stream()
			.filter(Objects::nonNull)
			.distinct()
			.forEach(chat -> add(out, new Recipient("chat:" + chat, "chat", chat, false)));
		return List.copyOf(out.values());
	}

	/** One email per address and notice, even when two people (or sign-ins) share it. */
	private static void add(Map<String, Recipient> out, Recipient recipient) {
		String key = recipient.channel().equals("email") ? "email:" + recipient.address()
				: recipient.channel() + ":" + recipient.key();
		out.putIfAbsent(key, recipient);
	}

}
