package dev.hubguard.abuse;

import io.fabric8.kubernetes.api.model.Pod;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link PodUsernames} in PostgreSQL ({@code pod_usernames}), so what was seen survives a
 * restart. Rows older than {@link #KEPT} are ignored and then deleted.
 */
@Component
class PodUsernameRecords implements PodUsernames {

	private static final Duration SCHEME_TTL = Duration.ofMinutes(5);

	private static final String UPSERT = """
			insert into pod_usernames (cluster, namespace, pod, username, seen_at) values (?, ?, ?, ?, ?)
			on conflict (cluster, namespace, pod) do update set username = excluded.username, seen_at = excluded.seen_at""";

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final Map<String, CachedScheme> schemes = new ConcurrentHashMap<>();

	PodUsernameRecords(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void seen(String cluster, Collection<Pod> pods) {
		Timestamp now = Timestamp.from(clock.instant());
		List<Object[]> rows = new ArrayList<>();
		for (Pod pod : pods) {
			var metadata = pod.getMetadata();
			String username = metadata == null || metadata.getAnnotations() == null ? null
					: metadata.getAnnotations().get(ANNOTATION);
			String clean = Text.cleanOrNull(username);
			if (clean != null && metadata.getName() != null && metadata.getNamespace() != null) {
				rows.add(new Object[] { cluster, metadata.getNamespace(), metadata.getName(), clean, now });
			}
		}
		if (!rows.isEmpty()) {
			jdbc.batchUpdate(UPSERT, rows);
		}
	}

	@Override
	public Optional<String> recorded(String cluster, String namespace, String pod) {
		return jdbc.query("""
				select username from pod_usernames where cluster = ? and namespace = ? and pod = ? and seen_at >= ?""",
				(rs, n) -> rs.getString(1), cluster, namespace, pod, since())
			.stream()
			.findFirst();
	}

	@Override
	public Optional<PodNames.Scheme> scheme(String cluster, String namespace) {
		String key = cluster + "/" + namespace;
		Instant now = clock.instant();
		CachedScheme cached = schemes.get(key);
		if (cached != null && cached.until().isAfter(now)) {
			return Optional.ofNullable(cached.scheme());
		}
		// The newest pairs that tell (usernames of only [a-z0-9] look the same in both
		// schemes).
		PodNames.Scheme scheme = jdbc
			.query("""
					select pod, username from pod_usernames where cluster = ? and namespace = ? and seen_at >= ?
					    and username !~ '^[a-z0-9]+$' order by seen_at desc limit 50""",
					(rs, n) -> PodNames.schemeOf(rs.getString(1), rs.getString(2)).orElse(null), cluster, namespace,
					since())
			.stream()
			.filter(s -> s != null)
			.findFirst()
			.orElse(null);
		if (scheme != null) {
			// Kept a while; an upgraded KubeSpawner shows in the newest pairs after that.
			schemes.put(key, new CachedScheme(scheme, now.plus(SCHEME_TTL)));
		}
		return Optional.ofNullable(scheme);
	}

	/** Deletes what is older than {@link #KEPT}; answers how many rows went. */
	int forgetOld() {
		return jdbc.update("delete from pod_usernames where seen_at < ?", since());
	}

	private Timestamp since() {
		return Timestamp.from(clock.instant().minus(KEPT));
	}

	private record CachedScheme(PodNames.Scheme scheme, Instant until) {
	}

}
