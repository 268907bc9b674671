package dev.hubguard.notify;

import dev.hubguard.shared.Cursor;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A person's notifications in the portal, newest first, a page at a time (keyset on the
 * delivery id), and their unread count, kept as a number per person.
 */
@Component
class Inbox {

	static final int DEFAULT_LIMIT = 50;

	static final int MAX_LIMIT = 200;

	private static final String KIND = "notifications";

	private final JdbcClient jdbc;

	Inbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One notification as pages and the API show it. */
	record NotificationView(long id, String kind, String hub, String title, String body, String link, Instant at,
			boolean read) {
	}

	/** One page; {@code next} is the cursor of the older page, or null. */
	record Page(List<NotificationView> notifications, String next) {
	}

	@Transactional(readOnly = true)
	Page page(String person, String cursor, Integer limit) {
		int size = Cursor.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
		Cursor after = Cursor.decode(cursor, KIND, 2);
		List<NotificationView> rows = jdbc.sql("""
				select d.id, e.kind, e.hub, e.title, e.body, e.link, e.created_at, d.read_at is not null
				from notify_deliveries d join notify_events e on e.id = d.event_id
				where d.recipient = :person and d.channel = 'portal' and d.id < :before
				order by d.id desc limit :n""")
			.param("person", person)
			.param("before", after == null ? Long.MAX_VALUE : after.number(1))
			.param("n", size + 1)
			.query((rs, i) -> new NotificationView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getBoolean(8)))
			.list();
		if (rows.size() <= size) {
			return new Page(rows, null);
		}
		List<NotificationView> shown = rows.subList(0, size);
		return new Page(List.copyOf(shown), Cursor.of(KIND, String.valueOf(shown.get(size - 1).id())).encode());
	}

	int unread(String person) {
		return jdbc.sql("select unread from notify_unread where person = :p")
			.param("p", person)
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	/** Marks one of the person's notifications read; answers whether it was unread. */
	@Transactional
	boolean markRead(String person, long id, Instant now) {
		int marked = jdbc.sql("""
				update notify_deliveries set read_at = :now
				where id = :id and recipient = :p and channel = 'portal' and read_at is null""")
			.param("now", Timestamp.from(now))
			.param("id", id)
			.param("p", person)
			.update();
		if (marked > 0) {
			jdbc.sql("update notify_unread set unread = greatest(unread - :n, 0) where person = :p")
				.param("n", marked)
				.param("p", person)
				.update();
		}
		return marked > 0;
	}

	boolean isOwn(String person, long id) {
		return jdbc.sql("select 1 from notify_deliveries where id = :id and recipient = :p and channel = 'portal'")
			.param("id", id)
			.param("p", person)
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	/** Marks all the person's notifications read; answers how many were unread. */
	@Transactional
	int markAllRead(String person, Instant now) {
		int marked = jdbc.sql("""
				update notify_deliveries set read_at = :now
				where recipient = :p and channel = 'portal' and read_at is null""")
			.param("now", Timestamp.from(now))
			.param("p", person)
			.update();
		jdbc.sql("update notify_unread set unread = 0 where person = :p").param("p", person).update();
		return marked;
	}

}
