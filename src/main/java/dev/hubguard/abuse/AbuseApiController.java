package dev.hubguard.abuse;

import dev.hubguard.hub.HubRef;
import dev.hubguard.shared.PageLink;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Abuse reports over the API; {@link AbuseReports} answers 404 for reports the caller may
 * not see.
 */
@RestController
class AbuseApiController {

	private final AbuseReports reports;

	private final ServerStopper stopper;

	private final ReportLists lists;

	private final ReportTriage triage;

	AbuseApiController(AbuseReports reports, ReportTriage triage, ServerStopper stopper, ReportLists lists) {
		this.reports = reports;
		this.triage = triage;
		this.lists = lists;
		this.stopper = stopper;
	}

	@GetMapping("/api/v1/hubs/{cluster}/{hub}/abuse-reports")
	ResponseEntity<List<AbuseReportView>> forHub(Authentication who, @PathVariable String cluster,
			@PathVariable String hub, @RequestParam(required = false) String state,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
		return paged(
				lists.page(who,
						new ReportLists.Filter(state == null ? null : AbuseReports.parse(state), null,
								new HubRef(cluster, hub).toString(), null),
						ReportOrder.parse(sort, dir), cursor, limit));
	}

	/**
	 * A page of reports, open first then latest seen (or by {@code sort} = seen,
	 * severity, alerts or state, {@code dir} = asc to reverse); a
	 * {@code Link: <…>; rel="next"} header carries the next page's address while there is
	 * one.
	 */
	@GetMapping("/api/v1/abuse-reports")
	ResponseEntity<List<AbuseReportView>> list(Authentication who, @RequestParam(required = false) String state,
			@RequestParam(required = false) String source, @RequestParam(required = false) String hub,
			@RequestParam(required = false) Integer days, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) Integer limit) {
		return paged(lists.page(who,
				new ReportLists.Filter(state == null ? null : AbuseReports.parse(state), source, hub, days),
				ReportOrder.parse(sort, dir), cursor, limit));
	}

	private static ResponseEntity<List<AbuseReportView>> paged(ReportPage page) {
		var answer = ResponseEntity.ok();
		if (page.next() != null) {
			answer.header(HttpHeaders.LINK, PageLink.next(page.next()));
		}
		return answer.body(page.reports());
	}

	@GetMapping("/api/v1/abuse-reports/{ref}")
	ReportDetails get(Authentication who, @PathVariable String ref) {
		return reports.details(who, ref);
	}

	@PostMapping("/api/v1/abuse-reports/{ref}/triage")
	AbuseReportView triage(Authentication who, @PathVariable String ref, @RequestBody Map<String, String> body) {
		return triage.triage(who, ref, body.get("state"), body.get("assignee")).report();
	}

	@PostMapping("/api/v1/abuse-reports/{ref}/notes")
	ReportDetails.Note note(Authentication who, @PathVariable String ref, @RequestBody Map<String, String> body) {
		return triage.note(who, ref, body.get("body"));
	}

	@PostMapping("/api/v1/abuse-reports/{ref}/tickets")
	ReportDetails.Ticket ticket(Authentication who, @PathVariable String ref, @RequestBody Map<String, String> body) {
		return triage.linkTicket(who, ref, body.get("ticketId"), body.get("url"));
	}

	@PostMapping("/api/v1/abuse-reports/{ref}/stop-server")
	Map<String, String> stop(Authentication who, @PathVariable String ref) {
		return Map.of("stopped", stopper.stop(who, ref));
	}

}
