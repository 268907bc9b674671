package dev.hubguard.isolation;

import dev.hubguard.hub.HubCatalogue;
import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Access;
import dev.hubguard.shared.PageLink;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The isolation report of one hub, the staff matrix, and staff's exemptions as JSON. */
@RestController
class IsolationApiController {

	private final HubCatalogue catalogue;

	private final IsolationChecks checks;

	private final IsolationViews views;

	private final Exemptions exemptions;

	private final NetworkProbe probe;

	IsolationApiController(HubCatalogue catalogue, IsolationChecks checks, IsolationViews views, Exemptions exemptions,
			NetworkProbe probe) {
		this.probe = probe;
		this.catalogue = catalogue;
		this.checks = checks;
		this.views = views;
		this.exemptions = exemptions;
	}

	/**
	 * The report as JSON: every check with its id, result, severity, evidence, remedy.
	 */
	record ReportJson(String hub, Integer score, Map<String, Integer> counts, String stale, String unavailable,
			java.time.Instant evaluatedAt, List<FindingView> checks, List<IsolationReport.UserServer> users,
			int userCount, String usersNext) {

		static ReportJson of(IsolationReport report, UserPage users) {
			return new ReportJson(report.hub(), report.score(), IsolationView.counts(report), report.stale(),
					report.unavailable(), report.evaluatedAt(),
					report.findings().stream().map(FindingView::of).toList(), users.users(), users.total(),
					users.next());
		}

	}

	/**
	 * The report with a page of the users' servers (50 unless {@code limit}, at most
	 * 200); {@code usersNext} and a {@code Link: <…>; rel="next"} header carry the next
	 * page's cursor while there is one.
	 */
	@GetMapping("/api/v1/hubs/{cluster}/{hub}/isolation")
	ResponseEntity<ReportJson> hub(@PathVariable String cluster, @PathVariable String hub,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
		IsolationReport report = checks.report(catalogue.require(new HubRef(cluster, hub)));
		UserPage users = UserPage.of(report.users(), cursor, limit);
		var answer = ResponseEntity.ok();
		if (users.next() != null) {
			answer.header(HttpHeaders.LINK, PageLink.next(users.next()));
		}
		return answer.body(ReportJson.of(report, users));
	}

	/**
	 * A page of the matrix (50 hubs unless {@code limit}, at most 200); a
	 * {@code Link: <…>; rel="next"} header and {@code next} carry the next page's cursor
	 * while there is one.
	 */
	@GetMapping("/api/v1/isolation")
	ResponseEntity<MatrixView> matrix(@RequestParam(required = false) String cluster,
			@RequestParam(required = false) String check, @RequestParam(defaultValue = "false") boolean failing,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
		MatrixView page = views.matrix(new MatrixFilter(cluster, check, failing), cursor, limit, "/api/v1/isolation");
		var answer = ResponseEntity.ok();
		if (page.nextLink() != null) {
			answer.header(HttpHeaders.LINK, "<" + page.nextLink() + ">; rel=\"next\"");
		}
		return answer.body(page);
	}

	/**
	 * Starts the active network probe for a hub (202); the result becomes the
	 * {@code network.probe} check of the hub's report.
	 */
	@PostMapping("/api/v1/staff/hubs/{cluster}/{hub}/isolation/probe")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, String> probe(Authentication who, @PathVariable String cluster, @PathVariable String hub) {
		HubRef ref = new HubRef(cluster, hub);
		probe.start(catalogue.require(ref), Access.handle(who));
		return Map.of("hub", ref.toString(), "status", "started", "report", "/api/v1/hubs/" + ref + "/isolation");
	}

	@PostMapping("/api/v1/staff/isolation/exemptions")
	@ResponseStatus(HttpStatus.CREATED)
	Exemption exempt(Authentication who, @RequestBody ExemptionForm form) {
		return exemptions.grant(Access.handle(who), form);
	}

}
