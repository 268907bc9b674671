package dev.hubguard.abuse;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Access;
import dev.hubguard.identity.StaffRoster;
import dev.hubguard.shared.BidiControls;
import dev.hubguard.shared.ForbiddenException;
import dev.hubguard.shared.InvalidInputException;
import dev.hubguard.shared.NotFoundException;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.springframework.context.ApplicationEventPublisher;
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

	private final ReportDetailsReader reader;

	private final ReportEvents events;

	private final StaffRoster roster;

	private final ApplicationEventPublisher publisher;

	AbuseReports(AbuseReportRepository reports, JdbcClient jdbc, Access access, AuditLog audit, Clock clock,
			ReportDetailsReader reader, ReportEvents events, StaffRoster roster, ApplicationEventPublisher publisher) {
		this.reports = reports;
		this.publisher = publisher;
		this.reader = reader;
		this.events = events;
		this.roster = roster;
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.clock = clock;
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
		// A member of staff is "me" by every sign-in id the roster gives them.
		java.util.List<String> names = me.stream()
			.filter(n -> n != null && !n.isBlank())
			.flatMap(n -> java.util.stream.Stream.concat(java.util.stream.Stream.of(n),
					roster.member(n).map(StaffRoster.Member::handles).orElse(java.util.List.of()).stream()))
			.map(String::toLowerCase)
			.distinct()
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
		// Along the reports' hub index and the alerts' report index: an alert has its
		// report's hub.
		jdbc.sql("""
				select a.source, count(*) from abuse_reports r join abuse_alerts a on a.report_id = r.id
				where r.hub = :hub group by a.source""")
			.param("hub", hub.toString())
			.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
			.list();
		return counts;
	}

	@Transactional(readOnly = true)
	public ReportDetails details(Authentication who, String ref) {
		return reader.read(visible(who, ref));
	}

	/**
	 * Moves the report and/or assigns it. An assignee is a member of staff, by any of
	 * their sign-in ids; blank unassigns. Each change is audited and goes on the
	 * timeline.
	 */
	@Transactional
	public AbuseReportView triage(Authentication who, String ref, String state, String assignee) {
		AbuseReport report = visible(who, ref);
		String by = Access.handle(who);
		StaffRoster.Member member = null;
		if (assignee != null && !assignee.isBlank()) {
			member = roster.member(assignee)
				.orElseThrow(() -> new InvalidInputException("assignee", "Choose the assignee from provider staff: "
						+ Text.excerpt(assignee) + " is not on the staff roster."));
		}
		String before = report.view().state()
				+ (report.view().assignee() == null ? "" : ", " + report.view().assignee());
		String stateBefore = report.view().state();
		if (state != null) {
			report.moveTo(parse(state), reports.anotherOpen(report.view().hub(), report.subject(), report.id()),
					clock.instant());
		}
		if (!stateBefore.equals(report.view().state())) {
			events.record(report.id(), ReportEvents.STATE, by, stateBefore + " → " + report.view().state());
		}
		if (assignee != null && report.assign(member == null ? null : member.handle(), clock.instant())) {
			events.record(report.id(), ReportEvents.ASSIGNED, by,
					member == null ? "" : member.name() + " (" + member.handle() + ")");
			if (member != null) {
				publisher
					.publishEvent(new AbuseReportAssigned(report.id(), ref, report.view().hub(), member.handle(), by));
			}
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
		BidiControls.requireNone("ticketId", "A ticket id", id);
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
		if (linked == null) {
			publisher.publishEvent(new AbuseTicketLinked(report.id(), ref, report.view().hub(), id, ticket.addedBy()));
		}
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
