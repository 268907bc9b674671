package dev.hubguard.abuse;

import dev.hubguard.hub.HubRef;
import dev.hubguard.shared.ConflictException;
import dev.hubguard.shared.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.Formula;
import java.time.Instant;

/**
 * Alerts about one user of one hub, triaged together. Alerts are attached by the intake;
 * people move the report through its states and assign it.
 */
@Entity
@Table(name = "abuse_reports")
class AbuseReport {

	@Id
	private Long id;

	@Column(nullable = false)
	private String ref;

	private String hub;

	@Column(nullable = false)
	private String subject;

	private String username;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private ReportState state;

	private String assignee;

	/** Given by the database on insert (per hub). */
	@Column(insertable = false, updatable = false)
	private Integer number;

	@Column(nullable = false)
	private Instant openedAt;

	@Column(nullable = false)
	private Instant updatedAt;

	@Formula("(select max(a.starts_at) from abuse_alerts a where a.report_id = id)")
	private Instant lastAlertAt;

	@Formula("(select count(*) from abuse_alerts a where a.report_id = id)")
	private int alertCount;

	@Formula("(select a.alertname from abuse_alerts a where a.report_id = id order by a.starts_at desc, a.id desc limit 1)")
	private String alertname;

	@Formula("(select count(distinct a.alertname) from abuse_alerts a where a.report_id = id)")
	private int alertnames;

	@Formula("(select a.severity from abuse_alerts a where a.report_id = id and a.severity is not null order by "
			+ "case lower(a.severity) when 'critical' then 0 when 'page' then 0 when 'error' then 1 when 'high' then 1 "
			+ "when 'warning' then 2 when 'medium' then 2 when 'info' then 3 when 'low' then 3 else 4 end, "
			+ "a.starts_at desc limit 1)")
	private String severity;

	@Formula("(select string_agg(distinct a.source, ',') from abuse_alerts a where a.report_id = id)")
	private String sources;

	@Version
	private int lockVersion;

	protected AbuseReport() {
	}

	/**
	 * Moves the report; reopening is refused while another report for the same user is
	 * open (new alerts already go there).
	 */
	void moveTo(ReportState target, boolean anotherOpenForSubject, Instant now) {
		if (target == null) {
			throw new InvalidInputException("state", "Choose open, investigating, resolved or false_positive.");
		}
		if (target == state) {
			return;
		}
		if (target.isOpen() && !state.isOpen() && anotherOpenForSubject) {
			throw new ConflictException("Another report for " + subject + " is open; add to that one instead.");
		}
		state = target;
		updatedAt = now;
	}

	/**
	 * @param handle a member of staff's sign-in id, already checked against the roster;
	 * null for nobody
	 * @return whether the assignee changed
	 */
	boolean assign(String handle, Instant now) {
		if (java.util.Objects.equals(handle, assignee)) {
			return false;
		}
		assignee = handle;
		updatedAt = now;
		return true;
	}

	String assignee() {
		return assignee;
	}

	Long id() {
		return id;
	}

	String ref() {
		return ref;
	}

	HubRef hub() {
		return hub == null ? null : HubRef.parse(hub);
	}

	String subject() {
		return subject;
	}

	String username() {
		return username;
	}

	ReportState state() {
		return state;
	}

	AbuseReportView view() {
		return new AbuseReportView(ref, hub, subject, username, state.name().toLowerCase(), assignee, openedAt,
				updatedAt, lastAlertAt, alertCount, "/abuse/" + ref, number, alertname, alertnames, severity,
				sources == null ? java.util.List.of() : java.util.List.of(sources.split(",")));
	}

}
