package dev.hubguard.abuse;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import dev.hubguard.identity.Access;
import dev.hubguard.hub.HubRef;
import dev.hubguard.shared.InvalidInputException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Anyone signed in may report a security concern: it is recorded and audited, and they
 * get back a link that opens a support ticket prefilled with it
 * ({@code hubguard.support.ticket-url}, with {@code {subject}} and {@code {body}}
 * placeholders).
 */
@Service
public class SecurityConcerns {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Clock clock;

	private final String ticketUrl;

	private final ApplicationEventPublisher events;

	SecurityConcerns(JdbcClient jdbc, AuditLog audit, Clock clock,
			@Value("${hubguard.support.ticket-url:}") String ticketUrl, ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.ticketUrl = ticketUrl;
	}

	/**
	 * What the person gets back: the concern's number and, when configured, the prefilled
	 * ticket link.
	 */
	record Filed(long id, String summary, String ticketLink) {
	}

	/** How many concerns were reported since {@code since}. */
	public long reportedSince(java.time.Instant since) {
		return jdbc.sql("select count(*) from security_concerns where created_at >= :since")
			.param("since", java.sql.Timestamp.from(since))
			.query(Long.class)
			.single();
	}

	@Transactional
	Filed file(Authentication who, String hub, String summary, String details) {
		String by = Access.handle(who);
		String cleanHub = hub == null || hub.isBlank() ? null : HubRef.parse(hub.strip()).toString();
		String title = require("summary", summary, 200);
		String body = require("details", details, 8000);
		long id = jdbc.sql("""
				insert into security_concerns (reporter, hub, summary, details, created_at)
				values (:r, :h, :s, :d, :t) returning id""")
			.param("r", by)
			.param("h", cleanHub)
			.param("s", title)
			.param("d", body)
			.param("t", Timestamp.from(clock.instant()))
			.query(Long.class)
			.single();
		// Portal-wide (staff only): a concern may be about the very admins of the hub it
		// names.
		audit.record(AuditEvent.of(by, null, "security.concern-reported", "Security concern " + id + ": " + title));
		events.publishEvent(new SecurityConcernFiled(id, cleanHub, by, title));
		String subject = "[Hubguard concern " + id + "] " + title;
		String text = body + "\n\nReported by " + by + (cleanHub == null ? "" : " about " + cleanHub) + ".";
		String link = ticketUrl == null || ticketUrl.isBlank() ? null
				: ticketUrl.replace("{subject}", encode(subject)).replace("{body}", encode(text));
		return new Filed(id, title, link);
	}

	private static String require(String field, String value, int max) {
		String clean = value == null ? "" : value.strip();
		if (clean.isEmpty() || clean.length() > max) {
			throw new InvalidInputException(field, "Write 1 to " + max + " characters.");
		}
		return clean;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
