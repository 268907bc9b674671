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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes alerts and groups them into reports, idempotently: an alert already stored (same
 * source, fingerprint and start) changes nothing but its resolution. A new alert joins
 * its hub and subject's open report, or opens one. One delivery is one transaction:
 * stored whole or not at all, and normally one statement ({@link #STORE}): it marks
 * resolutions, leaves out alerts already stored, locks the open reports of the rest in id
 * order (deliveries touching the same reports queue rather than deadlock; deliveries
 * about other reports do not wait), opens the reports that are missing, stores the new
 * alerts and moves their reports' sort keys (last seen, alert count, worst severity). A
 * report that a concurrent delivery opened while this one ran is found by running the
 * statement again for that subject's alerts.
 */
@Component
class AlertStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

	/**
	 * A delivery's alerts, one array per column ({@code n} is an alert's place in them);
	 * answers each subject of its new alerts with its report (none when a concurrent
	 * delivery opened it meanwhile), whether this statement opened it, and the places of
	 * the alerts it stored there. A report found open gets the new alerts added to its
	 * sort keys; a report opened here starts with them.
	 */
	static final String STORE = """
			with incoming as (
			    select * from unnest(?::text[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::text[],
			        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
			        ?::text[]) with ordinality as i(fingerprint, starts_at, ends_at, status, alertname, severity, cluster,
			        namespace, hub, pod, username, summary, labels, generator_url, subject, ref, n)),
			resolved as (
			    update abuse_alerts a set status = 'resolved', ends_at = coalesce(i.ends_at, a.ends_at)
			    from incoming i where i.status = 'resolved' and a.source = ? and a.fingerprint = i.fingerprint
			        and a.starts_at = i.starts_at and a.status <> 'resolved'),
			fresh as (
			    select distinct on (fingerprint, starts_at) * from incoming i
			    where not exists (select 1 from abuse_alerts k where k.source = ? and k.fingerprint = i.fingerprint
			        and k.starts_at = i.starts_at)
			    order by fingerprint, starts_at, n),
			subjects as (
			    select hub, subject, min(username) as username, min(ref) as ref, max(starts_at) as seen, count(*) as alerts,
			        max(%1$s) as weight
			    from fresh group by hub, subject),
			found as (
			    select r.id, r.hub, r.subject, r.ref from abuse_reports r
			    where r.state in ('OPEN', 'INVESTIGATING')
			        and (coalesce(r.hub, ''), r.subject) in (select coalesce(hub, ''), subject from subjects)
			    order by r.id for update),
			opened as (
			    insert into abuse_reports (ref, hub, subject, username, state, opened_at, updated_at, last_seen_at,
			        alert_count, severity_weight)
			    select ref, hub, subject, username, 'OPEN', ?, ?, seen, alerts, weight from subjects s
			    where not exists (select 1 from found f where f.subject = s.subject
			        and coalesce(f.hub, '') = coalesce(s.hub, ''))
			    order by coalesce(hub, ''), subject
			    on conflict (coalesce(hub, ''), subject) where state in ('OPEN', 'INVESTIGATING') do nothing
			    returning id, hub, subject, ref),
			reports as (
			    select id, hub, subject, ref, false as opened from found
			    union all select id, hub, subject, ref, true from opened),
			added as (
			    insert into abuse_alerts (source, fingerprint, starts_at, ends_at, status, alertname, severity, cluster,
			        namespace, hub, pod, username, summary, labels, generator_url, report_id, received_at)
			    select ?, f.fingerprint, f.starts_at, f.ends_at, f.status, f.alertname, f.severity, f.cluster, f.namespace,
			        f.hub, f.pod, f.username, f.summary, f.labels, f.generator_url, r.id, ?
			    from fresh f join reports r on r.subject = f.subject and coalesce(r.hub, '') = coalesce(f.hub, '')
			    on conflict (source, fingerprint, starts_at) do nothing
			    returning report_id, fingerprint, starts_at, severity),
			sums as (
			    select report_id, count(*) as alerts, max(starts_at) as seen, max(%1$s) as weight
			    from added group by report_id),
			moved as (
			    update abuse_reports r set alert_count = r.alert_count + s.alerts,
			        last_seen_at = greatest(r.last_seen_at, s.seen), severity_weight = greatest(r.severity_weight, s.weight)
			    from sums s where r.id = s.report_id and s.report_id in (select id from found)),
			places as (
			    select a.report_id, array_agg(f.n order by f.n) as alerts from added a
			    join fresh f on f.fingerprint = a.fingerprint and f.starts_at = a.starts_at group by a.report_id)
			select s.hub, s.subject, r.id, r.ref, r.opened, coalesce(p.alerts, '{}')
			from subjects s left join reports r on r.subject = s.subject and coalesce(r.hub, '') = coalesce(s.hub, '')
			left join places p on p.report_id = r.id
			order by coalesce(s.hub, ''), s.subject"""
		.formatted(ReportSort.SEVERITY_WEIGHT);

	private final JdbcTemplate jdbc;

	private final AlertSummaries summaries;

	private final ApplicationEventPublisher events;

	/**
	 * A plain JDBC transaction: nothing on the intake path uses JPA, and the JPA manager
	 * would open an entity manager for every delivery.
	 */
	private final TransactionTemplate transactions;

	AlertStore(JdbcTemplate jdbc, AlertSummaries summaries, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.summaries = summaries;
		this.events = events;
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
	}

	/** A subject's report as one run of the statement found or opened it. */
	private record Stored(String group, Long id, String ref, boolean opened, List<Integer> alerts) {
	}

	/**
	 * Stores a delivery in one transaction (the caller's, if it has one); answers how
	 * many alerts were new.
	 */
	int store(List<IncomingAlert> alerts, Instant receivedAt) {
		if (alerts.isEmpty()) {
			return 0;
		}
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return storeAll(alerts, receivedAt);
		}
		return transactions.execute(status -> storeAll(alerts, receivedAt));
	}

	private int storeAll(List<IncomingAlert> alerts, Instant receivedAt) {
		Map<String, List<IncomingAlert>> bySource = new LinkedHashMap<>();
		alerts.forEach(a -> bySource.computeIfAbsent(a.source(), s -> new ArrayList<>()).add(a));
		int added = 0;
		for (List<IncomingAlert> ofSource : bySource.values()) {
			added += storeSource(ofSource, Timestamp.from(receivedAt));
		}
		return added;
	}

	private int storeSource(List<IncomingAlert> alerts, Timestamp now) {
		String source = alerts.get(0).source();
		List<IncomingAlert> pending = alerts;
		Map<Long, Report> reports = new LinkedHashMap<>();
		for (int attempt = 0; attempt < 3 && !pending.isEmpty(); attempt++) {
			List<IncomingAlert> batch = pending;
			List<Stored> stored = jdbc.execute((ConnectionCallback<List<Stored>>) c -> run(c, source, batch, now));
			Set<String> missing = new HashSet<>();
			for (Stored report : stored) {
				if (report.id() == null) {
					missing.add(report.group());
				}
				else if (!report.alerts().isEmpty() || report.opened()) {
					Report held = reports.computeIfAbsent(report.id(), id -> new Report(report.ref()));
					held.opened |= report.opened();
					report.alerts().forEach(n -> held.alerts.add(batch.get(n - 1)));
				}
			}
			// A report opened by a concurrent delivery after the statement began is
			// found by the next run, which takes only that subject's alerts again.
			pending = batch.stream().filter(a -> missing.contains(group(a.hub(), a.subject()))).toList();
		}
		if (!pending.isEmpty()) {
			throw new IllegalStateException("could not find or open reports for " + pending.size() + " alerts");
		}
		int added = reports.values().stream().mapToInt(r -> r.alerts.size()).sum();
		if (added > 0) {
			summaries.changed(reports.keySet());
			arrived(reports);
		}
		return added;
	}

	/** A report this delivery stored alerts in. */
	private static final class Report {

		final String ref;

		boolean opened;

		final List<IncomingAlert> alerts = new ArrayList<>();

		Report(String ref) {
			this.ref = ref;
		}

	}

	private static List<Stored> run(Connection connection, String source, List<IncomingAlert> alerts, Timestamp now)
			throws SQLException {
		try (PreparedStatement store = connection.prepareStatement(STORE)) {
			store.setArray(1, array(connection, column(alerts, IncomingAlert::fingerprint)));
			store.setArray(2, timestamps(connection, column(alerts, IncomingAlert::startsAt)));
			store.setArray(3, timestamps(connection, column(alerts, IncomingAlert::endsAt)));
			store.setArray(4, array(connection, column(alerts, IncomingAlert::status)));
			store.setArray(5, array(connection, column(alerts, IncomingAlert::alertname)));
			store.setArray(6, array(connection, column(alerts, IncomingAlert::severity)));
			store.setArray(7, array(connection, column(alerts, IncomingAlert::cluster)));
			store.setArray(8, array(connection, column(alerts, IncomingAlert::namespace)));
			store.setArray(9, array(connection, column(alerts, IncomingAlert::hub)));
			store.setArray(10, array(connection, column(alerts, IncomingAlert::pod)));
			store.setArray(11, array(connection, column(alerts, IncomingAlert::username)));
			store.setArray(12, array(connection, column(alerts, IncomingAlert::summary)));
			store.setArray(13, array(connection, column(alerts, a -> JSON.writeValueAsString(a.labels()))));
			store.setArray(14, array(connection, column(alerts, IncomingAlert::generatorUrl)));
			store.setArray(15, array(connection, column(alerts, IncomingAlert::subject)));
			store.setArray(16, array(connection, column(alerts, a -> ref())));
			store.setString(17, source);
			store.setString(18, source);
			store.setTimestamp(19, now);
			store.setTimestamp(20, now);
			store.setString(21, source);
			store.setTimestamp(22, now);
			List<Stored> stored = new ArrayList<>();
			try (ResultSet rows = store.executeQuery()) {
				while (rows.next()) {
					long id = rows.getLong(3);
					Long report = rows.wasNull() ? null : id;
					List<Integer> places = new ArrayList<>();
					for (Object n : (Object[]) rows.getArray(6).getArray()) {
						places.add(((Number) n).intValue());
					}
					stored.add(new Stored(group(rows.getString(1), rows.getString(2)), report, rows.getString(4),
							rows.getBoolean(5), places));
				}
			}
			return stored;
		}
	}

	/** Tells the rest of the portal, once per report, what the new alerts were. */
	private void arrived(Map<Long, Report> reports) {
		reports.forEach((id, report) -> {
			if (report.alerts.isEmpty()) {
				return;
			}
			String worst = report.alerts.stream()
				.map(IncomingAlert::severity)
				.filter(java.util.Objects::nonNull)
				.min(Comparator.comparingInt(AlertSummary::rank))
				.orElse(null);
			boolean killed = report.alerts.stream().anyMatch(a -> "CryptoMinerKilled".equals(a.alertname()));
			events.publishEvent(new AbuseAlertsArrived(id, report.ref, report.alerts.get(0).hub(), report.opened,
					report.alerts.size(), worst, killed));
		});
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

	private static Array array(Connection connection, Object[] values) throws SQLException {
		return connection.createArrayOf("text", values);
	}

	private static String group(String hub, String subject) {
		return (hub == null ? "" : hub) + "\n" + subject;
	}

	/**
	 * A report's permalink id: 12 characters, 60 random bits (five for each of the 32
	 * letters, taken from one random long), no look-alike letters.
	 */
	static String ref() {
		long bits = RANDOM.nextLong();
		char[] ref = new char[12];
		for (int i = 0; i < ref.length; i++) {
			ref[i] = ALPHABET[(int) (bits >>> (5 * i)) & 31];
		}
		return new String(ref);
	}

}
