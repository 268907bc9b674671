package dev.hubguard.notify;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends due deliveries, each in its own transaction that holds the row
 * ({@code FOR UPDATE SKIP LOCKED}) while the channel takes the message: replicas never
 * send the same row at once, and only a crash between the channel's accept and the commit
 * sends a message twice (with the same {@code Message-ID}). A failure is retried with
 * doubling delays; after {@code max-attempts} the delivery is shown to staff as failing.
 */
@Component
class Sender {

	private static final Logger log = LoggerFactory.getLogger(Sender.class);

	private static final String CLAIM = """
			select d.id, d.event_id, d.recipient, d.channel, d.address, d.attempts, d.digest, e.kind, e.hub, e.title,
			    e.body, e.link
			from notify_deliveries d join notify_events e on e.id = d.event_id
			where d.state = 'pending' and d.due_at <= :now %s
			order by d.due_at, d.id limit :n for update of d skip locked""";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Map<String, Channel> channels;

	private final Messages messages;

	private final AuditLog audit;

	private final NotifyProperties properties;

	private final Clock clock;

	Sender(JdbcClient jdbc, TransactionTemplate transactions, List<Channel> channels, Messages messages, AuditLog audit,
			NotifyProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.channels = channels.stream().collect(Collectors.toMap(Channel::id, Function.identity()));
		this.messages = messages;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	/** A delivery as claimed. */
	record Row(long id, long event, String recipient, String channel, String address, int attempts, boolean digest,
			String kind, String hub, String title, String body, String link) {
	}

	/**
	 * Sends up to one batch of the messages due when it starts (a message that fails is
	 * tried again in a later pass); answers how many it handled.
	 */
	int runOnce() {
		Instant pass = clock.instant();
		int handled = 0;
		while (handled < properties.batch()) {
			Boolean did = transactions.execute(status -> sendOne(pass));
			if (!Boolean.TRUE.equals(did)) {
				break;
			}
			handled++;
		}
		return handled;
	}

	private boolean sendOne(Instant pass) {
		Instant now = clock.instant();
		List<Row> rows = claim(pass, "", 1);
		if (rows.isEmpty()) {
			return false;
		}
		Row first = rows.get(0);
		if (first.digest()) {
			// Every due digest row of this recipient and channel, as one message.
			rows = claim(pass, "and d.digest and d.recipient = :recipient and d.channel = :channel", 500, first);
		}
		Channel channel = channels.get(first.channel());
		try {
			if (channel == null || !channel.available()) {
				throw new Channel.DeliveryException("no " + first.channel() + " channel is configured", null);
			}
			channel.send(compose(rows));
			for (Row row : rows) {
				jdbc.sql("update notify_deliveries set state = 'sent', sent_at = :now, attempts = attempts + 1, "
						+ "last_error = null where id = :id")
					.param("now", Timestamp.from(now))
					.param("id", row.id())
					.update();
				audit.record(AuditEvent.of("hubguard", row.hub(), "notify.sent", "Sent notification " + row.id() + " ("
						+ row.kind() + ") by " + row.channel() + " to " + row.recipient()));
			}
		}
		catch (Channel.DeliveryException | RuntimeException ex) {
			String error = Messages.oneLine(ex instanceof Channel.DeliveryException ? ex.getMessage()
					: "could not write the message: " + ex.getClass().getSimpleName());
			error = error.length() > 500 ? error.substring(0, 500) : error;
			for (Row row : rows) {
				failed(row, error, now);
			}
			log.warn("notification {} by {} not sent (attempt {}): {}", first.id(), first.channel(),
					first.attempts() + 1, error);
		}
		return true;
	}

	private void failed(Row row, String error, Instant now) {
		int attempts = row.attempts() + 1;
		boolean givingUp = attempts >= properties.maxAttempts();
		jdbc.sql("update notify_deliveries set attempts = :a, last_error = :e, due_at = :due, state = :state "
				+ "where id = :id")
			.param("a", attempts)
			.param("e", error)
			.param("due", Timestamp.from(now.plus(backoff(attempts))))
			.param("state", givingUp ? "failed" : "pending")
			.param("id", row.id())
			.update();
		if (givingUp) {
			audit.record(AuditEvent.of("hubguard", row.hub(), "notify.failed",
					"Gave up on notification " + row.id() + " (" + row.kind() + ") by " + row.channel() + " to "
							+ row.recipient() + " after " + attempts + " attempts: " + error));
		}
	}

	/** The delay after the {@code attempts}th failure: doubling from the base, capped. */
	Duration backoff(int attempts) {
		Duration delay = properties.retryBase().multipliedBy(1L << Math.min(attempts - 1, 20));
		return delay.compareTo(properties.retryMax()) > 0 ? properties.retryMax() : delay;
	}

	private Outgoing compose(List<Row> rows) {
		Row first = rows.get(0);
		List<Outgoing.Item> items = rows.stream()
			.map(row -> new Outgoing.Item(row.title(), row.body(), messages.link(row.link())))
			.toList();
		String messageId = messages.messageId(first.digest() ? "d" : "n", first.digest() ? first.id() : first.event(),
				first.recipient(), first.channel());
		NoticeKind kind = NoticeKind.byId(first.kind()).orElseThrow();
		if (first.channel().equals("chat")) {
			return messages.chat(first.address(), messageId, items);
		}
		boolean mixed = rows.stream().anyMatch(row -> !row.kind().equals(first.kind()));
		return messages.email(first.address(), messageId, items, kind, mixed ? null : first.recipient());
	}

	private List<Row> claim(Instant now, String where, int limit) {
		return claim(now, where, limit, null);
	}

	private List<Row> claim(Instant now, String where, int limit, Row like) {
		var sql = jdbc.sql(CLAIM.formatted(where)).param("now", Timestamp.from(now)).param("n", limit);
		if (like != null) {
			sql = sql.param("recipient", like.recipient()).param("channel", like.channel());
		}
		return sql
			.query((rs, i) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
					rs.getInt(6), rs.getBoolean(7), rs.getString(8), rs.getString(9), rs.getString(10),
					rs.getString(11), rs.getString(12)))
			.list();
	}

}
