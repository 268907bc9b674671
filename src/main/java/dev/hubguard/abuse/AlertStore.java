package dev.hubguard.abuse;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes alerts and groups them into reports, idempotently: an alert already stored (same
 * source, fingerprint and start) changes nothing but its resolution. A new alert joins
 * its hub and subject's open report, or opens one. One batch, one transaction: a delivery
 * is stored whole or not at all.
 */
@Component
class AlertStore {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

	private static final String INSERT = """
			with existing as (
			    select 1 from abuse_alerts where source = ? and fingerprint = ? and starts_at = ?),
			report as (
			    insert into abuse_reports (ref, hub, subject, username, state, opened_at, updated_at, last_alert_at, alert_count)
			    select ?, ?, ?, ?, 'OPEN', ?, ?, ?, 1 where not exists (select 1 from existing)
			    on conflict (coalesce(hub, ''), subject) where state in ('OPEN', 'INVESTIGATING')
			    do update set alert_count = abuse_reports.alert_count + 1, updated_at = excluded.updated_at,
			        last_alert_at = greatest(abuse_reports.last_alert_at, excluded.last_alert_at),
			        username = coalesce(abuse_reports.username, excluded.username)
			    returning id)
			insert into abuse_alerts (source, fingerprint, starts_at, ends_at, status, alertname, severity, cluster,
			    namespace, hub, pod, username, summary, labels, generator_url, report_id, received_at)
			select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (select id from report), ?
			where not exists (select 1 from existing)
			on conflict (source, fingerprint, starts_at) do nothing""";

	private static final String RESOLVE = """
			update abuse_alerts set status = 'resolved', ends_at = coalesce(?, ends_at)
			where source = ? and fingerprint = ? and starts_at = ? and status <> 'resolved'""";

	private final JdbcTemplate jdbc;

	AlertStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores a delivery; answers how many alerts were new. */
	@Transactional
	int store(List<IncomingAlert> alerts, Instant receivedAt) {
		List<Object[]> inserts = new ArrayList<>();
		List<Object[]> resolutions = new ArrayList<>();
		Timestamp now = Timestamp.from(receivedAt);
		for (IncomingAlert alert : alerts) {
			Timestamp starts = Timestamp.from(alert.startsAt());
			inserts.add(new Object[] { alert.source(), alert.fingerprint(), starts, ref(), alert.hub(), alert.subject(),
					alert.username(), now, now, starts, alert.source(), alert.fingerprint(), starts,
					alert.endsAt() == null ? null : Timestamp.from(alert.endsAt()), alert.status(), alert.alertname(),
					alert.severity(), alert.cluster(), alert.namespace(), alert.hub(), alert.pod(), alert.username(),
					alert.summary(), JSON.writeValueAsString(alert.labels()), alert.generatorUrl(), now });
			if (alert.resolved()) {
				resolutions.add(new Object[] { alert.endsAt() == null ? null : Timestamp.from(alert.endsAt()),
						alert.source(), alert.fingerprint(), starts });
			}
		}
		int added = 0;
		for (int count : jdbc.batchUpdate(INSERT, inserts)) {
			added += Math.max(count, 0);
		}
		if (!resolutions.isEmpty()) {
			jdbc.batchUpdate(RESOLVE, resolutions);
		}
		return added;
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
