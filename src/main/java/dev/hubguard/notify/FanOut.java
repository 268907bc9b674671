package dev.hubguard.notify;

import dev.hubguard.abuse.AbuseAlertsArrived;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.RecentPeople;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns recorded notices into deliveries: claims a batch of events with
 * {@code FOR UPDATE SKIP LOCKED} (replicas share the work), resolves who they are for,
 * applies people's preferences and the alert-storm limit, and files one delivery per
 * (event, recipient, channel). The portal inbox is delivered here and then.
 */
@Component
class FanOut {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final HubCatalogue catalogue;

	private final RecentPeople people;

	private final Preferences preferences;

	private final NotifyProperties properties;

	private final Clock clock;

	private final java.util.Set<String> channels = new java.util.HashSet<>(java.util.Set.of("portal"));

	FanOut(JdbcClient jdbc, TransactionTemplate transactions, HubCatalogue catalogue, RecentPeople people,
			Preferences preferences, NotifyProperties properties, Clock clock, List<Channel> channels) {
		channels.stream().filter(Channel::available).forEach(channel -> this.channels.add(channel.id()));
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.catalogue = catalogue;
		this.people = people;
		this.preferences = preferences;
		this.properties = properties;
		this.clock = clock;
	}

	/** Fans out one batch; answers how many events it took. */
	int runOnce() {
		Integer done = transactions.execute(status -> {
			List<Stored> events = jdbc.sql("""
					select id, kind, hub, topic, actor, target, severity from notify_events
					where fanned_out_at is null order by id limit :n for update skip locked""")
				.param("n", properties.batch())
				.query((rs, i) -> new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), rs.getString(6), rs.getString(7)))
				.list();
			if (events.isEmpty()) {
				return 0;
			}
			List<RecentPeople.Reachable> everyone = people.all();
			Instant now = clock.instant();
			for (Stored event : events) {
				fanOut(event, everyone, now);
			}
			jdbc.sql("update notify_events set fanned_out_at = :now where id = any(:ids)")
				.param("now", Timestamp.from(now))
				.param("ids", events.stream().map(Stored::id).toArray(Long[]::new))
				.update();
			return events.size();
		});
		return done == null ? 0 : done;
	}

	private record Stored(long id, String kind, String hub, String topic, String actor, String target,
			String severity) {
	}

	private void fanOut(Stored event, List<RecentPeople.Reachable> everyone, Instant now) {
		NoticeKind kind = NoticeKind.byId(event.kind()).orElse(null);
		if (kind == null) {
			return;
		}
		boolean atOnce = false;
		boolean abuse = kind == NoticeKind.ABUSE_OPENED || kind == NoticeKind.ABUSE_KILLED
				|| kind == NoticeKind.ABUSE_SEVERITY_ROSE;
		if (abuse) {
			int rank = AbuseAlertsArrived.rank(event.severity());
			boolean rose = rank != Integer.MAX_VALUE && rose(event.topic(), rank);
			if (kind == NoticeKind.ABUSE_SEVERITY_ROSE && !rose) {
				return;
			}
			atOnce = rose && rank == 0;
		}
		Optional<CatalogueHub> hub = hub(event.hub());
		Notice notice = new Notice(kind, event.hub(), event.topic(), event.actor(), event.target(), event.severity(),
				"", "", "", null);
		for (Audience.Recipient recipient : Audience.of(notice, hub, everyone, properties.staffEmails(),
				properties.staffChat())) {
			if (!channels.contains(recipient.channel())) {
				continue;
			}
			if (abuse && !window(event.topic(), recipient, now, atOnce)) {
				continue;
			}
			NoticeKind.Mode mode = preferences.mode(recipient.key(), kind, recipient.channel(), recipient.staffOnly());
			if (mode == NoticeKind.Mode.OFF) {
				continue;
			}
			file(event.id(), recipient, mode, now);
		}
	}

	private Optional<CatalogueHub> hub(String ref) {
		if (ref == null) {
			return Optional.empty();
		}
		try {
			return catalogue.find(HubRef.parse(ref));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	private void file(long event, Audience.Recipient recipient, NoticeKind.Mode mode, Instant now) {
		boolean portal = recipient.channel().equals("portal");
		boolean digest = !portal && (mode == NoticeKind.Mode.HOURLY || mode == NoticeKind.Mode.DAILY);
		Instant due = digest ? Digests.nextDue(mode, now) : now;
		int added = jdbc.sql("""
				insert into notify_deliveries (event_id, recipient, channel, address, state, digest, due_at, sent_at)
				values (:event, :recipient, :channel, :address, :state, :digest, :due, :sent)
				on conflict (event_id, recipient, channel) do nothing""")
			.param("event", event)
			.param("recipient", recipient.key())
			.param("channel", recipient.channel())
			.param("address", recipient.address())
			.param("state", portal ? "sent" : "pending")
			.param("digest", digest)
			.param("due", Timestamp.from(due))
			.param("sent", portal ? Timestamp.from(now) : null)
			.update();
		if (portal && added > 0) {
			jdbc.sql("""
					insert into notify_unread (person, unread) values (:p, 1)
					on conflict (person) do update set unread = notify_unread.unread + 1""")
				.param("p", recipient.key())
				.update();
		}
	}

	/**
	 * Whether {@code rank} is worse than what was told of the topic (and remembers it).
	 */
	private boolean rose(String topic, int rank) {
		return !jdbc.sql("""
				insert into notify_topic_severity (topic, rank) values (:t, :r)
				on conflict (topic) do update set rank = excluded.rank where notify_topic_severity.rank > excluded.rank
				returning rank""").param("t", topic).param("r", rank).query(Integer.class).list().isEmpty();
	}

	/**
	 * Starts the recipient's storm window of the topic; false when one is still running
	 * (unless {@code force}: a rise to critical is told at once).
	 */
	private boolean window(String topic, Audience.Recipient recipient, Instant now, boolean force) {
		return !jdbc.sql("""
				insert into notify_throttle (topic, recipient, channel, until) values (:t, :r, :c, :until)
				on conflict (topic, recipient, channel) do update set until = excluded.until
				where :force or notify_throttle.until <= :now
				returning until""")
			.param("t", topic)
			.param("r", recipient.key())
			.param("c", recipient.channel())
			.param("until", Timestamp.from(now.plus(properties.stormWindow())))
			.param("now", Timestamp.from(now))
			.param("force", force)
			.query(Timestamp.class)
			.list()
			.isEmpty();
	}

}
