package dev.hubguard.abuse;

import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Access;
import dev.hubguard.identity.StaffRoster;
import dev.hubguard.shared.InvalidInputException;
import dev.hubguard.shared.NotFoundException;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads abuse reports (the commands are {@link ReportTriage}'s). A report exists only for
 * staff and its hub's admins: for anyone else it is "not found", so a permalink gives no
 * hint.
 */
@Service
public class AbuseReports {

	private final AbuseReportRepository reports;

	private final JdbcClient jdbc;

	private final Access access;

	private final ReportDetailsReader reader;

	private final StaffRoster roster;

	AbuseReports(AbuseReportRepository reports, JdbcClient jdbc, Access access, ReportDetailsReader reader,
			StaffRoster roster) {
		this.reports = reports;
		this.reader = reader;
		this.roster = roster;
		this.jdbc = jdbc;
		this.access = access;
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

}
