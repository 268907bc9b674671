package dev.hubguard.abuse;

import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes alerts and groups them into reports, idempotently: an alert already stored (same
 * source, fingerprint and start) changes nothing but its resolution. A new alert joins
 * its hub and subject's open report, or opens one. One delivery is one transaction:
 * stored whole or not at all. The statement that stores the alerts also moves their
 * reports' sort keys (last seen, alert count, worst severity); the reports are locked in
 * id order first, so deliveries touching the same reports queue rather than deadlock, and
 * deliveries about other reports do not wait.
 */
@Component
class AlertStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

	private static final String KNOWN = """
			select k.fingerprint, k.starts_at from unnest(?::text[], ?::timestamptz[]) as k(fingerprint, starts_at)
			where exists (select 1 from abuse_alerts a where a.source = ? and a.fingerprint = k.fingerprint
			    and a.starts_at = k.starts_at)""";

	private static final String OPEN_REPORTS = """
			with wanted (hub, subject, username, ref, seen) as (
			    select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])),
			added as (
			    insert into abuse_reports (ref, hub, subject, username, state, opened_at, updated_at, last_seen_at)
			    select ref, hub, subject, username, 'OPEN', ?, ?, seen from wanted w
			    where not exists (select 1 from abuse_reports o where o.subject = w.subject
			        and coalesce(o.hub, '') = coalesce(w.hub, '') and o.state in ('OPEN', 'INVESTIGATING'))
			    order by coalesce(hub, ''), subject
			    on conflict (coalesce(hub, ''), subject) where state in ('OPEN', 'INVESTIGATING') do nothing
			    returning id, hub, subject, ref)
			select w.hub, w.subject, coalesce(a.id, r.id), coalesce(a.ref, r.ref), a.id is not null from wanted w
			left join added a on a.subject = w.subject and coalesce(a.hub, '') = coalesce(w.hub, '')
			left join abuse_reports r on r.subject = w.subject and coalesce(r.hub, '') = coalesce(w.hub, '')
			    and r.state in ('OPEN', 'INVESTIGATING')""";

	/**
	 * Every new alert of a delivery in one statement (one round trip, one index pass),
	 * adding to its report's sort keys; answers the new alerts per report.
	 */
	private static final String INSERT = """
			with added as (insert into abuse_alerts (source, fingerprint, starts_at, ends_at, status, alertname, severity, cluster,
			    namespace, hub, pod, username, summary, labels, generator_url, report_id, received_at)
			select ?, a.* , ? from unnest(?::text[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::text[],
			    ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[])
			    as a(fingerprint, starts_at, ends_at, status, alertname, severity, cluster, namespace, hub, pod,
			         username, summary, labels, generator_url, report_id)
			on conflict (source, fingerprint, starts_at) do nothing
			returning report_id, starts_at, severity),
			sums as (select report_id, count(*) as n, max(starts_at) as seen, max(%s) as weight
			    from added group by report_id)
			update abuse_reports r set alert_count = r.alert_count + s.n, last_seen_at = greatest(r.last_seen_at, s.seen),
			    severity_weight = greatest(r.severity_weight, s.weight)
			from sums s where r.id = s.report_id
			returning s.n"""
		.formatted(ReportSort.SEVERITY_WEIGHT);

	private static final String LOCK = "select id from abuse_reports where id = any(?) order by id for update";

	private static final String RESOLVE = """
			update abuse_alerts a set status = 'resolved', ends_at = coalesce(r.ends_at, a.ends_at)
			from unnest(?::text[], ?::timestamptz[], ?::timestamptz[]) as r(fingerprint, starts_at, ends_at)
			where a.source = ? and a.fingerprint = r.fingerprint and a.starts_at = r.starts_at
			    and a.status <> 'resolved'""";

	private final JdbcTemplate jdbc;

	private final AlertSummaries summaries;

	private final ApplicationEventPublisher events;

	AlertStore(JdbcTemplate jdbc, AlertSummaries summaries, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.summaries = summaries;
		this.events = events;
	}

	/** A report as the batch found or opened it. */
	private record Found(long id, String ref, boolean opened) {
	}

	/** Stores a delivery of one source; answers how many alerts were new. */
	@Transactional
	int store(List<IncomingAlert> alerts, Instant receivedAt) {
		if (alerts.isEmpty()) {
			return 0;
		}
		Map<String, List<IncomingAlert>> bySource = new LinkedHashMap<>();
		alerts.forEach(a -> bySource.computeIfAbsent(a.source(), s -> new ArrayList<>()).add(a));
		int added = 0;
		for (List<IncomingAlert> ofSource : bySource.values()) {
			added += storeSource(ofSource, Timestamp.from(receivedAt));
		}
		return added;
	}

	private int storeSource(List<IncomingAlert> alerts, Timestamp now) {
		Set<String> known = known(alerts);
		List<IncomingAlert> fresh = alerts.stream()
			.filter(a -> !known.contains(key(a.fingerprint(), Timestamp.from(a.startsAt()))))
			.sorted(Comparator.comparing((IncomingAlert a) -> a.hub() == null ? "" : a.hub())
				.thenComparing(IncomingAlert::subject))
			.toList();
		Map<String, Found> found = fresh.isEmpty() ? Map.of() : openReports(fresh, now);
		Map<String, Long> reports = new HashMap<>();
		found.forEach((group, report) -> reports.put(group, report.id()));
		String source = alerts.get(0).source();
		int added = fresh.isEmpty() ? 0
				: jdbc.execute((ConnectionCallback<Integer>) c -> insert(c, source, fresh, reports, now));
		if (added > 0) {
			summaries.changed(reports.values());
			arrived(fresh, found);
		}
		List<IncomingAlert> resolved = alerts.stream().filter(IncomingAlert::resolved).toList();
		if (!resolved.isEmpty()) {
			jdbc.execute((ConnectionCallback<Integer>) c -> resolve(c, source, resolved));
		}
		return added;
	}

	private static int insert(Connection connection, String source, List<IncomingAlert> alerts,
			Map<String, Long> reports, Timestamp now) throws SQLException {
		try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
			lock.setArray(1, connection.createArrayOf("bigint", reports.values().stream().distinct().toArray()));
			lock.executeQuery().close();
		}
		try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
			insert.setString(1, source);
			insert.setTimestamp(2, now);
			insert.setArray(3, array(connection, column(alerts, IncomingAlert::fingerprint)));
			insert.setArray(4, timestamps(connection, column(alerts, IncomingAlert::startsAt)));
			insert.setArray(5, timestamps(connection, column(alerts, IncomingAlert::endsAt)));
			insert.setArray(6, array(connection, column(alerts, IncomingAlert::status)));
			insert.setArray(7, array(connection, column(alerts, IncomingAlert::alertname)));
			insert.setArray(8, array(connection, column(alerts, IncomingAlert::severity)));
			insert.setArray(9, array(connection, column(alerts, IncomingAlert::cluster)));
			insert.setArray(10, array(connection, column(alerts, IncomingAlert::namespace)));
			insert.setArray(11, array(connection, column(alerts, IncomingAlert::hub)));
			insert.setArray(12, array(connection, column(alerts, IncomingAlert::pod)));
			insert.setArray(13, array(connection, column(alerts, IncomingAlert::username)));
			insert.setArray(14, array(connection, column(alerts, IncomingAlert::summary)));
			insert.setArray(15, array(connection, column(alerts, a -> JSON.writeValueAsString(a.labels()))));
			insert.setArray(16, array(connection, column(alerts, IncomingAlert::generatorUrl)));
			insert.setArray(17,
					connection.createArrayOf("bigint", column(alerts, a -> reports.get(group(a.hub(), a.subject())))));
			int added = 0;
			try (ResultSet rows = insert.executeQuery()) {
				while (rows.next()) {
					added += rows.getInt(1);
				}
			}
			return added;
		}
	}

	/** Tells the rest of the portal, once per report, what the new alerts were. */
	private void arrived(List<IncomingAlert> fresh, Map<String, Found> found) {
		Map<String, List<IncomingAlert>> byGroup = new LinkedHashMap<>();
		fresh.forEach(a -> byGroup.computeIfAbsent(group(a.hub(), a.subject()), g -> new ArrayList<>()).add(a));
		byGroup.forEach((group, alerts) -> {
			Found report = found.get(group);
			String worst = alerts.stream()
				.map(IncomingAlert::severity)
				.filter(java.util.Objects::nonNull)
				.min(Comparator.comparingInt(AlertSummary::rank))
				.orElse(null);
			boolean killed = alerts.stream().anyMatch(a -> "CryptoMinerKilled".equals(a.alertname()));
			events.publishEvent(new AbuseAlertsArrived(report.id(), report.ref(), alerts.get(0).hub(), report.opened(),
					alerts.size(), worst, killed));
		});
	}

	private static int resolve(Connection connection, String source, List<IncomingAlert> alerts) throws SQLException {
		try (PreparedStatement resolve = connection.prepareStatement(RESOLVE)) {
			resolve.setArray(1, array(connection, column(alerts, IncomingAlert::fingerprint)));
			resolve.setArray(2, timestamps(connection, column(alerts, IncomingAlert::startsAt)));
			resolve.setArray(3, timestamps(connection, column(alerts, IncomingAlert::endsAt)));
			resolve.setString(4, source);
			return resolve.executeUpdate();
		}
	}

	private static Object[] column(List<IncomingAlert> alerts, Function<IncomingAlert, ?> field) {
		return alerts.stream().map(field).toArray();
	}

	private static Array timestamps(Connection connection, Object[] instants) throws SQLException {
		Object[] values = new Object[instants.length];
		for (int i = 0; i < instants.length; i++) {
			values[i] = instants[i] == null ? null : Timestamp.from((Instant) instants[i]);
		}
		return connection.createArrayOf("timestamptz", values);
	}

	private Set<String> known(List<IncomingAlert> alerts) {
		String source = alerts.get(0).source();
		return jdbc.execute((ConnectionCallback<Set<String>>) connection -> {
			try (PreparedStatement query = connection.prepareStatement(KNOWN)) {
				query.setArray(1,
						connection.createArrayOf("text", alerts.stream().map(IncomingAlert::fingerprint).toArray()));
				query.setArray(2, connection.createArrayOf("timestamptz",
						alerts.stream().map(a -> Timestamp.from(a.startsAt())).toArray()));
				query.setString(3, source);
				Set<String> found = new HashSet<>();
				try (ResultSet rows = query.executeQuery()) {
					while (rows.next()) {
						found.add(key(rows.getString(1), rows.getTimestamp(2)));
					}
				}
				return found;
			}
		});
	}

	/**
	 * The open report of each (hub, subject), opening those that have none; one statement
	 * for the batch. Only subjects without an open report reach the insert: its numbering
	 * trigger takes the hub's lock until commit, which would otherwise queue every
	 * delivery behind any other delivery on the same hub.
	 */
	private Map<String, Found> openReports(List<IncomingAlert> alerts, Timestamp now) {
		Map<String, IncomingAlert> groups = new LinkedHashMap<>();
		Map<String, Instant> seen = new HashMap<>();
		alerts.forEach(a -> {
			groups.putIfAbsent(group(a.hub(), a.subject()), a);
			seen.merge(group(a.hub(), a.subject()), a.startsAt(), (x, y) -> x.isAfter(y) ? x : y);
		});
		Map<String, Found> ids = new HashMap<>();
		for (int attempt = 0; attempt < 3 && ids.size() < groups.size(); attempt++) {
			List<IncomingAlert> missing = groups.entrySet()
				.stream()
				.filter(e -> !ids.containsKey(e.getKey()))
				.map(Map.Entry::getValue)
				.toList();
			ids.putAll(jdbc.execute(
					(ConnectionCallback<Map<String, Found>>) connection -> lookUp(connection, missing, seen, now)));
		}
		if (ids.size() < groups.size()) {
			throw new IllegalStateException(
					"could not find or open reports for " + (groups.size() - ids.size()) + " subjects");
		}
		return ids;
	}

	private static Map<String, Found> lookUp(Connection connection, List<IncomingAlert> groups,
			Map<String, Instant> seen, Timestamp now) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement(OPEN_REPORTS)) {
			query.setArray(1, array(connection, groups.stream().map(IncomingAlert::hub).toArray()));
			query.setArray(2, array(connection, groups.stream().map(IncomingAlert::subject).toArray()));
			query.setArray(3, array(connection, groups.stream().map(IncomingAlert::username).toArray()));
			query.setArray(4, array(connection, groups.stream().map(a -> ref()).toArray()));
			query.setArray(5,
					timestamps(connection, groups.stream().map(a -> seen.get(group(a.hub(), a.subject()))).toArray()));
			query.setTimestamp(6, now);
			query.setTimestamp(7, now);
			Map<String, Found> found = new HashMap<>();
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					long id = rows.getLong(3);
					// A report opened by a concurrent delivery after this statement began
					// is seen on the next try.
					if (!rows.wasNull()) {
						found.put(group(rows.getString(1), rows.getString(2)),
								new Found(id, rows.getString(4), rows.getBoolean(5)));
					}
				}
			}
			return found;
		}
	}

	private static Array array(Connection connection, Object[] values) throws SQLException {
		return connection.createArrayOf("text", values);
	}

	private static String group(String hub, String subject) {
		return (hub == null ? "" : hub) + "\n" + subject;
	}

	private static String key(String fingerprint, Timestamp startsAt) {
		return fingerprint + "@" + startsAt.toInstant();
	}

	/**
	 * A report's permalink id: 12 characters, about 60 random bits, no look-alike
	 * letters.
	 */
	static String ref() {
		char[] ref = new char[12];
		for (int i = 0; i < ref.length; i++) {
			ref[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
		}
		return new String(ref);
	}

}
