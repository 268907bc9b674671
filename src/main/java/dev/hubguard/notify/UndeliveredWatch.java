package dev.hubguard.notify;

import dev.hubguard.secrets.UndeliverableSecrets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A condition that arises with time, looked at by the leader: a secret the reconciler
 * cannot deliver (its value no longer decrypts). Told to the hub's admins and staff once
 * per episode: an episode is open from the first look that finds it until a look finds
 * the hub's secrets delivered again (kept as a row of the topic table; a hub the
 * reconciler has not looked at yet closes nothing). The message names the secret, never
 * its value.
 */
@Component
class UndeliveredWatch {

	private static final String PREFIX = "undeliverable:";

	private final UndeliverableSecrets undeliverable;

	private final Outbox outbox;

	private final JdbcClient jdbc;

	UndeliveredWatch(UndeliverableSecrets undeliverable, Outbox outbox, JdbcClient jdbc) {
		this.undeliverable = undeliverable;
		this.outbox = outbox;
		this.jdbc = jdbc;
	}

	/** Answers how many episodes it opened (and told). */
	@Transactional
	int check(Instant now) {
		int told = 0;
		for (Map.Entry<String, List<String>> hub : undeliverable.byHub().entrySet()) {
			List<String> topics = hub.getValue().stream().map(name -> PREFIX + hub.getKey() + "/" + name).toList();
			jdbc.sql("delete from notify_topic_severity where topic like :hub and not (topic = any(:open))")
				.param("hub", PREFIX + hub.getKey().replace("_", "\\_").replace("%", "\\%") + "/%")
				.param("open", topics.toArray(String[]::new))
				.update();
			for (String name : hub.getValue()) {
				String topic = PREFIX + hub.getKey() + "/" + name;
				boolean opened = jdbc
					.sql("insert into notify_topic_severity (topic, rank) values (:t, 0) on conflict do nothing")
					.param("t", topic)
					.update() > 0;
				if (opened) {
					outbox.record(notice(hub.getKey(), name, topic + "/" + now.toEpochMilli()));
					told++;
				}
			}
		}
		return told;
	}

	static Notice notice(String hub, String name, String dedupKey) {
		return new Notice(NoticeKind.SECRET_UNDELIVERABLE, hub, "secret:" + hub, null, null, null,
				"Secret " + name + " on " + hub + " cannot be delivered",
				"The value of the secret " + name + " on " + hub + " no longer decrypts, so Hubguard cannot deliver it:"
						+ " the hub keeps the value it had, and the hub's other secrets are delivered. Set it again"
						+ " on the hub's secrets page.",
				"/hubs/" + hub + "/secrets", dedupKey);
	}

}
