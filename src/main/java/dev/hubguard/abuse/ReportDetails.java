package dev.hubguard.abuse;

import java.time.Instant;
import java.util.List;

/**
 * Everything the report page shows besides the report itself: its alerts (newest first),
 * the same alerts grouped by name, notes, tickets and one timeline of all that happened,
 * oldest first.
 */
public record ReportDetails(AbuseReportView report, List<AlertRow> alerts, List<Note> notes, List<Ticket> tickets,
		List<AlertGroup> groups, List<TimelineEntry> timeline) {

	/** One alert of the report. */
	public record AlertRow(String source, String alertname, String severity, String status, Instant startsAt,
			Instant endsAt, String pod, String summary, String generatorUrl) {
	}

	/**
	 * The report's alerts of one name, as karma groups them: how many, how many still
	 * firing, the worst severity, the sources, first and last seen and the latest
	 * summary.
	 */
	public record AlertGroup(String alertname, long count, long firing, String severity, List<String> sources,
			Instant firstSeen, Instant lastSeen, String summary) {

		public String sourceNames() {
			return String.join(", ", sources.stream().map(AbuseReportView::sourceName).toList());
		}

	}

	public record Note(String author, String body, Instant at) {
	}

	public record Ticket(String ticketId, String url, String addedBy, Instant addedAt) {
	}

	/**
	 * One thing that happened: {@code kind} is alert, state, assigned, note, ticket or
	 * server-stopped; {@code who} is the person (null for alerts); {@code url} only for
	 * tickets.
	 */
	public record TimelineEntry(Instant at, String kind, String who, String title, String body, String url) {
	}

}
