package dev.hubguard.abuse;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import dev.hubguard.identity.Access;
import dev.hubguard.identity.StaffRoster;
import dev.hubguard.shared.BidiControls;
import dev.hubguard.shared.ForbiddenException;
import dev.hubguard.shared.InvalidInputException;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What people do to abuse reports: move and assign them, add notes, link support tickets.
 * Each command finds the report through {@link AbuseReports#visible} (so a report the
 * caller may not see is "not found"), audits what changed and answers a record of it.
 */
@Service
public class ReportTriage {

	private final AbuseReports queries;

	private final AbuseReportRepository reports;

	private final JdbcClient jdbc;

	private final Access access;

	private final AuditLog audit;

	private final Clock clock;

	private final ReportEvents events;

	private final StaffRoster roster;

	private final ApplicationEventPublisher publisher;

	ReportTriage(AbuseReports queries, AbuseReportRepository reports, JdbcClient jdbc, Access access, AuditLog audit,
			Clock clock, ReportEvents events, StaffRoster roster, ApplicationEventPublisher publisher) {
		this.publisher = publisher;
		this.queries = queries;
		this.reports = reports;
		this.jdbc = jdbc;
		this.access = access;
		this.audit = audit;
		this.clock = clock;
		this.events = events;
		this.roster = roster;
	}

	/**
	 * A triage's outcome: the report as it is now, and its state and assignee (a sign-in
	 * id, or null) before.
	 */
	public record Triaged(AbuseReportView report, String stateBefore, String assigneeBefore) {

		public boolean stateChanged() {
			return !stateBefore.equals(report.state());
		}

		public boolean assigneeChanged() {
			return !Objects.equals(assigneeBefore, report.assignee());
		}

	}

	/**
	 * Moves the report and/or assigns it. An assignee is a member of staff, by any of
	 * their sign-in ids; blank unassigns. Each change is audited and goes on the
	 * timeline; a triage that changes nothing answers the report as it is and writes
	 * nothing.
	 */
	@Transactional
	public Triaged triage(Authentication who, String ref, String state, String assignee) {
		AbuseReport report = queries.visible(who, ref);
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
		String assigneeBefore = report.view().assignee();
		if (state != null) {
			report.moveTo(AbuseReports.parse(state),
					reports.anotherOpen(report.view().hub(), report.subject(), report.id()), clock.instant());
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
		if (!after.equals(before)) {
			// A triage that changes nothing (no field, or the values it has) is not an
			// event.
			audit.record(new AuditEvent(by, report.view().hub(), "abuse.triaged",
					"Report " + ref + ": " + before + " → " + after, before, after));
		}
		return new Triaged(report.view(), stateBefore, assigneeBefore);
	}

	@Transactional
	public ReportDetails.Note note(Authentication who, String ref, String body) {
		AbuseReport report = queries.visible(who, ref);
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
		AbuseReport report = queries.visible(who, ref);
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
