package dev.hubguard.notify;

import java.util.List;

/**
 * One message as a channel sends it.
 *
 * @param address the email address, or the webhook key
 * @param messageId stable per (event, recipient, channel): a retry or another replica
 * sends the same one
 * @param unsubscribe the one-click unsubscribe address, or null
 */
record Outgoing(String address, String messageId, String subject, String text, String html, String unsubscribe,
		List<Item> items) {

	/** One notice in a message (a digest has several). */
	record Item(String title, String body, String link) {
	}

}
