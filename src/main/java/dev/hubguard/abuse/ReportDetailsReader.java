package dev.hubguard.abuse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads a report's alerts, groups, notes, tickets and events, and merges them into one
 * timeline in time order (at equal times: alerts, then what people did).
 */
@Component
class ReportDetailsReader {

	static final int MAX_ALERTS = 500;

	private final JdbcClient jdbc;

	private final ReportEvents events;

	ReportDetailsReader(JdbcClient jdbc, ReportEvents events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	ReportDetails read(AbuseReport report) {
		long id = report.id();
		var alerts = jdbc.sql("""
				select source, alertname, severity, status, starts_at, ends_at, pod, summary, generator_url
				from abuse_alerts where report_id = :id order by starts_at desc, id desc limit :max""")
			.param("id", id)
			.param("max", MAX_ALERTS)
			.query((rs, n) -> new ReportDetails.AlertRow(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getTimestamp(5).toInstant(),
					rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(), rs.getString(7),
					rs.getString(8), rs.getString(9)))
			.list();
		var groups = jdbc
			.sql("""
					select a.alertname, count(*), count(*) filter (where a.status = 'firing' and a.ends_at is null),
					    (array_agg(a.severity order by %s))[1], string_agg(distinct a.source, ','),
					    min(a.starts_at), max(a.starts_at), (array_agg(a.summary order by a.starts_at desc))[1]
					from abuse_alerts a where a.report_id = :id
					group by a.alertname order by max(a.starts_at) desc, a.alertname"""
				.formatted(ReportLists.SEVERITY_RANK))
			.param("id", id)
			.query((rs, n) -> new ReportDetails.AlertGroup(rs.getString(1), rs.getLong(2), rs.getLong(3),
					rs.getString(4), List.of(rs.getString(5).split(",")), rs.getTimestamp(6).toInstant(),
					rs.getTimestamp(7).toInstant(), rs.getString(8)))
			.list();
		var notes = jdbc.sql("select author, body, at from abuse_report_notes where report_id = :id order by at, id")
			.param("id", id)
			.query((rs, n) -> new ReportDetails.Note(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
			.list();
		var tickets = jdbc.sql(
				"select ticket_id, url, added_by, added_at from abuse_ticket_links where report_id = :id order by added_at")
			.param("id", id)
			.query((rs, n) -> new ReportDetails.Ticket(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list();
		return new ReportDetails(report.view(), alerts, notes, tickets, groups,
				timeline(alerts, notes, tickets, events.of(id)));
	}

	static List<ReportDetails.TimelineEntry> timeline(List<ReportDetails.AlertRow> alerts,
			List<ReportDetails.Note> notes, List<ReportDetails.Ticket> tickets, List<ReportEvents.Event> done) {
		List<ReportDetails.TimelineEntry> entries = new ArrayList<>();
		for (ReportDetails.AlertRow alert : alerts.reversed()) {
			entries.add(new ReportDetails.TimelineEntry(alert.startsAt(), "alert", null,
					alert.alertname() + " (" + (alert.severity() == null ? "no severity" : alert.severity()) + ", "
							+ AbuseReportView.sourceName(alert.source()) + ")",
					alert.summary(), null));
		}
		for (ReportEvents.Event event : done) {
			String title = switch (event.kind()) {
				case ReportEvents.STATE -> "changed the state: " + event.detail();
				case ReportEvents.ASSIGNED ->
					event.detail().isEmpty() ? "unassigned the report" : "assigned the report to " + event.detail();
				case ReportEvents.SERVER_STOPPED -> "stopped the user's server " + event.detail();
				default -> event.kind() + ": " + event.detail();
			};
			entries.add(new ReportDetails.TimelineEntry(event.at(), event.kind(), event.actor(), title, null, null));
		}
		for (ReportDetails.Note note : notes) {
			entries.add(new ReportDetails.TimelineEntry(note.at(), "note", note.author(), "added a note", note.body(),
					null));
		}
		for (ReportDetails.Ticket ticket : tickets) {
			entries.add(new ReportDetails.TimelineEntry(ticket.addedAt(), "ticket", ticket.addedBy(),
					"linked support ticket " + ticket.ticketId(), null, ticket.url()));
		}
		// A stable sort: at equal times alerts come before what people did about them.
		entries.sort(Comparator.comparing(ReportDetails.TimelineEntry::at));
		return entries;
	}

}
