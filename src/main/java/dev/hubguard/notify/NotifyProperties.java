package dev.hubguard.notify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notification settings ({@code hubguard.notify.*}).
 *
 * @param from the sender address of emails
 * @param background whether this replica runs its own sender (tests drive it by hand)
 * @param pollInterval how often a sender looks for work when nothing wakes it
 * @param batch how many rows a sender claims at once
 * @param retryBase the first retry's delay, doubled at each failure up to
 * {@code retryMax}
 * @param maxAttempts after this many failures a message is shown to staff as failing
 * @param stormWindow at most one message per (report, recipient) within it
 * @param staffEmails addresses that get what staff get
 * @param staffChat the webhook key (in the webhooks file) for staff's chat, or null
 * @param webhooksFile a YAML map of webhook keys to URLs (a mounted Secret)
 * @param unsubscribeKey the key that signs unsubscribe links (the same on every replica)
 * @param plainHttpWebhooksForTestsOnly lets a webhook use http and loopback addresses:
 * for tests, never in production
 * @param applyFailingAfter an approved change still not applied (in error) this long is
 * told as failing
 * @param applyCheckInterval how often the leader looks at approved changes
 */
@ConfigurationProperties("hubguard.notify")
public record NotifyProperties(@DefaultValue("hubguard@localhost") String from,
		@DefaultValue("true") boolean background, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("50") int batch, @DefaultValue("5s") Duration retryBase, @DefaultValue("10m") Duration retryMax,
		@DefaultValue("10") int maxAttempts, @DefaultValue("15m") Duration stormWindow,
		@DefaultValue List<String> staffEmails, String staffChat, Path webhooksFile, String unsubscribeKey,
		@DefaultValue("5s") Duration webhookTimeout, @DefaultValue("false") boolean plainHttpWebhooksForTestsOnly,
		@DefaultValue("5m") Duration applyFailingAfter, @DefaultValue("30s") Duration applyCheckInterval) {

	public NotifyProperties {
		staffEmails = staffEmails == null ? List.of()
				: staffEmails.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
		staffChat = staffChat == null || staffChat.isBlank() ? null : staffChat.strip();
		webhooksFile = webhooksFile == null || webhooksFile.toString().isBlank() ? null : webhooksFile;
	}

	@Override
	public String toString() {
		return "NotifyProperties[from=" + from + ", staffEmails=" + staffEmails.size() + ", staffChat=" + staffChat
				+ ", unsubscribeKey=" + (unsubscribeKey == null || unsubscribeKey.isBlank() ? "unset" : "set") + "]";
	}

}
