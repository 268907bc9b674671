package dev.hubguard.abuse;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Access;
import dev.hubguard.shared.ForbiddenException;
import dev.hubguard.shared.InvalidInputException;
import dev.hubguard.shared.NotFoundException;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and triages abuse reports. A report exists only for staff and its hub's admins:
 * for anyone else it is "not found", so a permalink gives no hint. Every change is
 * audited.
 */
@Service
public class AbuseReports {

	private final AbuseReportRepository reports;

	private final JdbcClient jdbc;

	private final Access access;

	private final AuditLog audit;

	private final Clock clock;

	AbuseReports(AbuseReportRepository reports, JdbcClient jdbc, Access access, AuditLog audit, Clock clock) {
		this.reports = reports;
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.clock = clock;
	}

	/** Filters for lists; null fields do not filter. */
	public record Filter(ReportState state, String source, String hub, Integer maxAgeDays) {
	}

	/**
	 * Open reports first, then the most recent: all hubs for staff, the caller's hubs
	 * otherwise.
	 */
	@Transactional(readOnly = true)
	public List<AbuseReportView> list(Authentication who, Filter filter) {
		StringBuilder sql = new StringBuilder("""
				select r.ref, r.hub, r.subject, r.username, r.state, r.assignee, r.opened_at, r.updated_at,
				    r.number, l.last_alert_at, l.alert_count
				from abuse_reports r
				left join lateral (select max(a.starts_at) as last_alert_at, count(*) as alert_count
				    from abuse_alerts a where a.report_id = r.id) l on true
				where true""");
		List<String> hubs = access.isStaff(who) ? null
				: access.visibleHubs(who).stream().map(h -> h.ref().toString()).toList();
		if (hubs != null && hubs.isEmpty()) {
			return List.of();
		}
		var params = new java.util.HashMap<String, Object>();
		if (hubs != null) {
			sql.append(" and r.hub in (:hubs)");
			params.put("hubs", hubs);
		}
		if (filter.hub() != null) {
			sql.append(" and r.hub = :hub");
			params.put("hub", filter.hub());
		}
		if (filter.state() != null) {
			sql.append(" and r.state = :state");
			params.put("state", filter.state().name());
		}
		if (filter.source() != null) {
			sql.append(" and exists (select 1 from abuse_alerts a where a.report_id = r.id and a.source = :source)");
			params.put("source", filter.source());
		}
		if (filter.maxAgeDays() != null && (filter.maxAgeDays() < 1 || filter.maxAgeDays() > 3650)) {
			throw new InvalidInputException("days", "Choose an age between 1 and 3650 days.");
		}
		if (filter.maxAgeDays() != null) {
			sql.append(" and l.last_alert_at >= :since");
			params.put("since", Timestamp.from(clock.instant().minus(Duration.ofDays(filter.maxAgeDays()))));
		}
		sql.append(
				" order by case when r.state in ('OPEN', 'INVESTIGATING') then 0 else 1 end, l.last_alert_at desc nulls last limit 500");
		// One query for the whole list: the view's columns, with counts and times read
		// from the alerts.
		return jdbc.sql(sql.toString())
			.params(params)
			.query((rs, n) -> new AbuseReportView(rs.getString("ref"), rs.getString("hub"), rs.getString("subject"),
					rs.getString("username"), rs.getString("state").toLowerCase(java.util.Locale.ROOT),
					rs.getString("assignee"), rs.getTimestamp("opened_at").toInstant(),
					rs.getTimestamp("updated_at").toInstant(),
					rs.getTimestamp("last_alert_at") == null ? null : rs.getTimestamp("last_alert_at").toInstant(),
					rs.getInt("alert_count"), "/abuse/" + rs.getString("ref"), rs.getInt("number")))
			.list();
	}

	/** Open reports per hub, by {@code cluster/hub} (for the dashboard). */
	@Transactional(readOnly = true)
	public java.util.Map<String, Long> openCounts() {
		java.util.Map<String, Long> counts = new java.util.HashMap<>();
		jdbc.sql(
				"select hub, count(*) from abuse_reports where hub is not null and state in ('OPEN', 'INVESTIGATING') group by hub")
			.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
			.list();
		return counts;
	}

	/**
	 * What staff's home counts of reports: open, open with nobody assigned, assigned to
	 * them.
	 */
	public record Attention(long open, long unassigned, long mine) {
	}

	/**
	 * @param me the names a person may be assigned by (their handle, their display name)
	 */
	@Transactional(readOnly = true)
	public Attention attention(java.util.Collection<String> me) {
		java.util.List<String> names = me.stream()
			.filter(n -> n != null && !n.isBlank())
			.map(String::toLowerCase)
			.toList();
		return jdbc.sql("""
				select count(*),
				       count(*) filter (where assignee is null or assignee = ''),
				       count(*) filter (where lower(assignee) in (:me))
				from abuse_reports where state in ('OPEN', 'INVESTIGATING')""")
			.param("me", names.isEmpty() ? java.util.List.of("") : names)
			.query((rs, n) -> new Attention(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.single();
	}

	/** Alerts per source on a hub's reports (for the counts on the hub page). */
	@Transactional(readOnly = true)
	public java.util.Map<String, Long> countsBySource(HubRef hub) {
		java.util.Map<String, Long> counts = new java.util.TreeMap<>();
		jdbc.sql("select source, count(*) from abuse_alerts where hub = :hub group by source")
			.param("hub", hub.toString())
			.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
			.list();
		return counts;
	}

	@Transactional(readOnly = true)
	public ReportDetails details(Authentication who, String ref) {
		AbuseReport report = visible(who, ref);
		var alerts = jdbc.sql("""
				select source, alertname, severity, status, starts_at, ends_at, pod, summary, generator_url
				from abuse_alerts where report_id = :id order by starts_at desc limit 500""")
			.param("id", report.id())
			.query((rs, n) -> new ReportDetails.AlertRow(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getTimestamp(5).toInstant(),
					rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(), rs.getString(7),
					rs.getString(8), rs.getString(9)))
			.list();
		var notes = jdbc.sql("select author, body, at from abuse_report_notes where report_id = :id order by at")
			.param("id", report.id())
			.query((rs, n) -> new ReportDetails.Note(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
			.list();
		var tickets = jdbc.sql(
				"select ticket_id, url, added_by, added_at from abuse_ticket_links where report_id = :id order by added_at")
			.param("id", report.id())
			.query((rs, n) -> new ReportDetails.Ticket(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list();
		return new ReportDetails(report.view(), alerts, notes, tickets);
	}

	@Transactional
	public AbuseReportView triage(Authentication who, String ref, String state, String assignee) {
		AbuseReport report = visible(who, ref);
		String by = Access.handle(who);
		String before = report.view().state()
				+ (report.view().assignee() == null ? "" : ", " + report.view().assignee());
		if (state != null) {
			report.moveTo(parse(state), reports.anotherOpen(report.view().hub(), report.subject(), report.id()),
					clock.instant());
		}
		if (assignee != null) {
			report.assign(assignee, clock.instant());
		}
		String after = report.view().state()
				+ (report.view().assignee() == null ? "" : ", " + report.view().assignee());
		audit.record(new AuditEvent(by, report.view().hub(), "abuse.triaged",
				"Report " + ref + ": " + before + " → " + after, before, after));
		return report.view();
	}

	@Transactional
	public ReportDetails.Note note(Authentication who, String ref, String body) {
		AbuseReport report = visible(who, ref);
		String text = body == null ? "" : body.strip();
		if (text.isEmpty() || text.length() > 8000) {
			throw new InvalidInputException("body", "A note has 1 to 8000 characters.");
		}
		var note = new ReportDetails.Note(Access.handle(who), text, clock.instant());
		jdbc.sql("insert into abuse_report_notes (report_id, author, body, at) values (:r, :a, :b, :t)")
			.param("r", report.id())
			.param("a", note.author())
			.param("b", note.body())
			.param("t", Timestamp.from(note.at()))
			.update();
		audit.record(AuditEvent.of(note.author(), report.view().hub(), "abuse.noted", "Added a note to report " + ref));
		return note;
	}

	/** Staff link a support ticket; the URL must be http(s). */
	@Transactional
	public ReportDetails.Ticket linkTicket(Authentication who, String ref, String ticketId, String url) {
		AbuseReport report = visible(who, ref);
		if (!access.isStaff(who)) {
			throw new ForbiddenException("Only provider staff link support tickets.");
		}
		String id = ticketId == null ? "" : ticketId.strip();
		if (id.isEmpty() || id.length() > 100) {
			throw new InvalidInputException("ticketId", "A ticket id has 1 to 100 characters.");
		}
		URI link = ticketUrl(url);
		var ticket = new ReportDetails.Ticket(id, link.toString(), Access.handle(who), clock.instant());
		String linked = jdbc.sql("select url from abuse_ticket_links where report_id = :r and ticket_id = :i")
			.param("r", report.id())
			.param("i", id)
			.query(String.class)
			.optional()
			.orElse(null);
		if (ticket.url().equals(linked)) {
			return ticket;
		}
		// A ticket id linked again with another URL moves the link (a ticket moved, or a
		// typo fixed).
		jdbc.sql("""
				insert into abuse_ticket_links (report_id, ticket_id, url, added_by, added_at)
				values (:r, :i, :u, :b, :t)
				on conflict (report_id, ticket_id) do update set url = excluded.url, added_by = excluded.added_by,
				    added_at = excluded.added_at""")
			.param("r", report.id())
			.param("i", id)
			.param("u", ticket.url())
			.param("b", ticket.addedBy())
			.param("t", Timestamp.from(ticket.addedAt()))
			.update();
		audit.record(linked == null
				? AuditEvent.of(ticket.addedBy(), report.view().hub(), "abuse.ticket-linked",
						"Linked ticket " + id + " to report " + ref)
				: new AuditEvent(ticket.addedBy(), report.view().hub(), "abuse.ticket-linked",
						"Changed the link of ticket " + id + " on report " + ref, linked, ticket.url()));
		return ticket;
	}

	/** The report, if the caller may see it: staff, or an admin of its hub. */
	AbuseReport visible(Authentication who, String ref) {
		return reports.findByRef(ref == null ? "" : ref)
			.filter(r -> r.hub() == null ? access.isStaff(who) : access.canSee(who, r.hub()))
			.orElseThrow(() -> new NotFoundException("No abuse report " + ref + " is visible to you."));
	}

	static ReportState parse(String state) {
		try {
			return ReportState.valueOf(state.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("state",
					"State '" + state + "' is not open, investigating, resolved or false_positive.");
		}
	}

	static final int MAX_TICKET_URL_LENGTH = 2048;

	/**
	 * An http(s) link of at most 2,048 characters, with a host, a real port if any, and
	 * no user name or password (which would end up on every page that shows the report).
	 */
	static URI ticketUrl(String url) {
		String text = url == null ? "" : url.strip();
		if (text.length() > MAX_TICKET_URL_LENGTH) {
			throw new InvalidInputException("url",
					"A ticket link has at most " + MAX_TICKET_URL_LENGTH + " characters.");
		}
		URI link;
		try {
			link = new URI(text);
		}
		catch (java.net.URISyntaxException ex) {
			throw new InvalidInputException("url", "A ticket link is an http(s) URL.");
		}
		if (!("https".equals(link.getScheme()) || "http".equals(link.getScheme())) || link.getHost() == null) {
			throw new InvalidInputException("url", "A ticket link is an http(s) URL.");
		}
		if (link.getRawUserInfo() != null) {
			throw new InvalidInputException("url", "A ticket link carries no user name or password.");
		}
		if (link.getPort() != -1 && (link.getPort() < 1 || link.getPort() > 65535)) {
			throw new InvalidInputException("url", "A ticket link's port is between 1 and 65535.");
		}
		return link;
	}

}
