package dev.hubguard.web;

import dev.hubguard.audit.AuditLog;
import dev.hubguard.audit.AuditQuery;
import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Access;
import dev.hubguard.shared.Csv;
import dev.hubguard.shared.PageLink;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The audit log: staff read every hub's events, hub admins their hubs' only. Newest
 * first, a page at a time by keyset cursor; the CSV export streams every matching row.
 */
@Controller
class AuditController {

	private final AuditLog audit;

	private final Access access;

	AuditController(AuditLog audit, Access access) {
		this.audit = audit;
		this.access = access;
	}

	/**
	 * A page of events, newest first, sign-ins included; a {@code Link: <…>; rel="next"}
	 * header carries the next page's address while there is one.
	 */
	@GetMapping("/api/v1/audit")
	@ResponseBody
	ResponseEntity<List<AuditLog.AuditEntry>> api(Authentication who, @RequestParam(required = false) String hub,
			@RequestParam(required = false) String action, @RequestParam(required = false) String actor,
			@Parameter(description = "Only the events about this change request.") @RequestParam(
					required = false) Long change,
			@Parameter(
					description = "The 'next' cursor of the previous page (from its Link header); none for the first page.") @RequestParam(
							required = false) String cursor,
			@Parameter(description = "Events per page, 1 to 200; 50 when not given.") @RequestParam(
					required = false) Integer limit) {
		AuditLog.Page page = page(who, new AuditQuery(blank(hub), blank(action), blank(actor), null, 1, true, change),
				cursor, limit);
		var answer = ResponseEntity.ok();
		if (page.next() != null) {
			answer.header(HttpHeaders.LINK, PageLink.next(page.next()));
		}
		return answer.body(page.entries());
	}

	@GetMapping("/audit")
	String page(Authentication who, @RequestParam(required = false) String hub,
			@RequestParam(required = false) String action, @RequestParam(required = false) String actor,
			@RequestParam(defaultValue = "false") boolean signIns, @RequestParam(required = false) Long change,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit, Model model) {
		AuditLog.Page page = page(who,
				new AuditQuery(blank(hub), blank(action), blank(actor), null, 1, signIns || change != null, change),
				cursor, limit);
		model.addAttribute("entries", page.entries());
		model.addAttribute("hub", hub);
		model.addAttribute("action", action);
		model.addAttribute("actor", actor);
		model.addAttribute("signIns", signIns);
		model.addAttribute("change", change);
		model.addAttribute("actions", audit.actions());
		model.addAttribute("actors", audit.actors(visibleHubs(who)));
		model.addAttribute("hubs", access.visibleHubs(who).stream().map(h -> h.ref().toString()).toList());
		model.addAttribute("nextLink", page.next() == null ? null : PageLink.withCursor(page.next()));
		model.addAttribute("firstLink", cursor == null || cursor.isBlank() ? null : PageLink.withCursor(null));
		return "web/audit";
	}

	/**
	 * Every row that matches the filters, as CSV (formula cells escaped), written row by
	 * row as the database sends them so that memory stays flat however long the log.
	 */
	@GetMapping("/audit.csv")
	void csv(Authentication who, @RequestParam(required = false) String hub,
			@RequestParam(required = false) String action, @RequestParam(required = false) String actor,
			@RequestParam(defaultValue = "false") boolean signIns, @RequestParam(required = false) Long change,
			HttpServletResponse response) throws IOException {
		AuditQuery query = new AuditQuery(blank(hub), blank(action), blank(actor), null, 1, signIns || change != null,
				change);
		checkHub(query.hub());
		List<String> hubs = visibleHubs(who);
		// Written on the request's own thread: the security filters' headers go out
		// first.
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"hubguard-audit.csv\"");
		// A writer that reports a client gone, so the read stops with it.
		Writer writer = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
		writer.write(Csv.row(List.of("id", "at", "actor", "hub", "action", "summary", "change_request")));
		audit.export(query, hubs, entry -> {
			try {
				writer.write(Csv.row(List.of(String.valueOf(entry.id()), entry.at().toString(), entry.actor(),
						entry.hub() == null ? "" : entry.hub(), entry.action(), entry.summary(),
						entry.changeRequest() == null ? "" : String.valueOf(entry.changeRequest()))));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		writer.flush();
	}

	private AuditLog.Page page(Authentication who, AuditQuery filters, String cursor, Integer limit) {
		checkHub(filters.hub());
		return audit.page(filters, visibleHubs(who), cursor, limit);
	}

	private List<String> visibleHubs(Authentication who) {
		return access.isStaff(who) ? null : access.visibleHubs(who).stream().map(h -> h.ref().toString()).toList();
	}

	/** A hub filter must read cluster/hub (a 400 saying so otherwise). */
	private static void checkHub(String hub) {
		if (hub != null) {
			HubRef.parse(hub);
		}
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
