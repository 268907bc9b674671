package dev.hubguard.abuse;

/** Staff linked a support ticket to a report; published inside that transaction. */
public record AbuseTicketLinked(long reportId, String ref, String hub, String ticketId, String by) {
}
