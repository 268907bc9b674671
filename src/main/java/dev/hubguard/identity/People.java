package dev.hubguard.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Display names for sign-in ids ({@code cilogon:sam@hubguard.example}), for pages to show
 * "Sam Staff" beside the id wherever trust matters: anyone can choose any display name,
 * so the id is always shown too. Templates call it as {@code @people}; names are kept a
 * minute.
 */
@Component("people")
public class People {

	private static final Duration KEEP = Duration.ofMinutes(1);

	private static final int MAX = 10_000;

	private record Known(String name, Instant until) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Map<String, Known> names = new ConcurrentHashMap<>();

	People(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The person's display name, or null when unknown or the same as the id. */
	public String displayName(String handle) {
		if (handle == null || handle.indexOf(':') < 0) {
			return null;
		}
		Instant now = clock.instant();
		Known known = names.get(handle);
		if (known == null || known.until().isBefore(now)) {
			if (names.size() > MAX) {
				names.clear();
			}
			String provider = handle.substring(0, handle.indexOf(':'));
			String username = handle.substring(handle.indexOf(':') + 1);
			String name = jdbc
				.sql("select display_name from accounts where provider = :provider and username = :username "
						+ "order by last_seen desc limit 1")
				.param("provider", provider)
				.param("username", username)
				.query(String.class)
				.optional()
				.orElse(null);
			known = new Known(name == null || name.isBlank() || name.equals(username) ? "" : name, now.plus(KEEP));
			names.put(handle, known);
		}
		return known.name().isEmpty() ? null : known.name();
	}

}
