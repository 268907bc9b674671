package dev.hubguard.abuse;

import java.time.Instant;
import java.util.List;

/** Everything the report page shows besides the report itself. */
public record ReportDetails(AbuseReportView report, List<AlertRow> alerts, List<Note> notes, List<Ticket> tickets) {

	/** One alert on the report's timeline. */
	public record AlertRow(String source, String alertname, String severity, String status, Instant startsAt,
			Instant endsAt, String pod, String summary, String generatorUrl) {
	}

	public record Note(String author, String body, Instant at) {
	}

	public record Ticket(String ticketId, String url, String addedBy, Instant addedAt) {
	}

}
