package dev.hubguard.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who a person with no hub should contact: {@code HUBGUARD_SUPPORT_CONTACT} (an email, a
 * web address or plain words), else a new ticket at {@code HUBGUARD_SUPPORT_TICKET_URL}
 * (its {@code {subject}} and {@code {body}} filled in), else nobody named.
 */
@Component
class SupportContact {

	private final String contact;

	private final String ticketUrl;

	SupportContact(@Value("${hubguard.support.contact:}") String contact,
			@Value("${hubguard.support.ticket-url:}") String ticketUrl) {
		this.contact = contact == null ? "" : contact.strip();
		this.ticketUrl = ticketUrl == null ? "" : ticketUrl.strip();
	}

	/**
	 * How to reach support about being added to a hub, for the person with this handle.
	 *
	 * @param text what to show
	 * @param href where it links, or {@code null} for plain words
	 */
	record Link(String text, String href) {
	}

	/** The contact for this person, or {@code null} when none is configured. */
	Link forAccess(String handle) {
		if (!contact.isEmpty()) {
			if (contact.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
				return new Link(contact, "mailto:" + contact + "?subject="
						+ encode("Hubguard: please add " + handle + " as a hub admin").replace("+", "%20"));
			}
			if (contact.startsWith("https://") || contact.startsWith("http://")) {
				return new Link(contact, contact);
			}
			return new Link(contact, null);
		}
		if (!ticketUrl.isEmpty()) {
			return new Link("Open a support ticket", ticketUrl.replace("{subject}", encode("Add me as a hub admin"))
				.replace("{body}", encode("Please add " + handle + " as an admin of hub: ")));
		}
		return null;
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
