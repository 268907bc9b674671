package dev.hubguard.notify;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each person's (or catalogue address's) choice per event kind and channel, and the
 * defaults for those who chose nothing: staff get pending requests as an hourly digest
 * and the rest at once; a hub's admins get everything about their hubs at once; the
 * portal's inbox gets everything.
 */
@Component
class Preferences {

	static final List<String> CHANNELS = List.of("email", "portal");

	private final JdbcClient jdbc;

	private final AuditLog audit;

	Preferences(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	NoticeKind.Mode mode(String person, NoticeKind kind, String channel, boolean staffOnly) {
		return jdbc.sql("select mode from notify_preferences where person = :p and kind = :k and channel = :c")
			.param("p", person)
			.param("k", kind.id())
			.param("c", channel)
			.query(String.class)
			.optional()
			.flatMap(NoticeKind.Mode::byId)
			.orElseGet(() -> defaultMode(kind, channel, staffOnly));
	}

	static NoticeKind.Mode defaultMode(NoticeKind kind, String channel, boolean staffOnly) {
		return channel.equals("email") ? kind.defaultEmailMode(staffOnly) : NoticeKind.Mode.NOW;
	}

	/** The person's choices, by kind id and channel ("change.filed/email"). */
	Map<String, NoticeKind.Mode> chosen(String person) {
		Map<String, NoticeKind.Mode> chosen = new HashMap<>();
		jdbc.sql("select kind, channel, mode from notify_preferences where person = :p")
			.param("p", person)
			.query((rs, i) -> Map.entry(rs.getString(1) + "/" + rs.getString(2), rs.getString(3)))
			.list()
			.forEach(e -> NoticeKind.Mode.byId(e.getValue()).ifPresent(m -> chosen.put(e.getKey(), m)));
		return chosen;
	}

	/** Sets one choice; answers whether it changed (audited when it did). */
	@Transactional
	boolean set(String person, NoticeKind kind, String channel, NoticeKind.Mode mode, String by, String why) {
		int changed = jdbc.sql("""
				insert into notify_preferences (person, kind, channel, mode) values (:p, :k, :c, :m)
				on conflict (person, kind, channel) do update set mode = excluded.mode
				where notify_preferences.mode <> excluded.mode""")
			.param("p", person)
			.param("k", kind.id())
			.param("c", channel)
			.param("m", mode.id())
			.update();
		if (changed > 0) {
			audit.record(AuditEvent.of(by, null, "notify.preference-set",
					why + ": " + kind.id() + " by " + channel + " is now " + mode.id() + " for " + person));
		}
		return changed > 0;
	}

}
