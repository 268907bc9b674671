package dev.hubguard.web;

import dev.hubguard.shared.Csv;
import dev.hubguard.audit.AuditLog;
import dev.hubguard.audit.AuditQuery;
import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Access;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The audit log: staff read every hub's events, hub admins their hubs' only. */
@Controller
class AuditController {

	private final AuditLog audit;

	private final Access access;

	AuditController(AuditLog audit, Access access) {
		this.audit = audit;
		this.access = access;
	}

	@GetMapping("/api/v1/audit")
	@ResponseBody
	List<AuditLog.AuditEntry> api(Authentication who, @RequestParam(required = false) String hub,
			@RequestParam(required = false) String action, @RequestParam(required = false) String actor,
			@RequestParam(required = false) Long before, @RequestParam(defaultValue = "100") int limit) {
		return find(who, hub, action, actor, before, limit);
	}

	@GetMapping("/audit")
	String page(Authentication who, @RequestParam(required = false) String hub,
			@RequestParam(required = false) String action, @RequestParam(required = false) String actor,
			@RequestParam(required = false) Long before, @RequestParam(defaultValue = "false") boolean signIns,
			Model model) {
		List<AuditLog.AuditEntry> entries = find(who, blank(hub), blank(action), blank(actor), before, 100, signIns);
		model.addAttribute("entries", entries);
		model.addAttribute("hub", hub);
		model.addAttribute("action", action);
		model.addAttribute("actor", actor);
		model.addAttribute("signIns", signIns);
		model.addAttribute("actions", audit.actions());
		model.addAttribute("actors", audit.actors(visibleHubs(who)));
		model.addAttribute("hubs", access.visibleHubs(who).stream().map(h -> h.ref().toString()).toList());
		model.addAttribute("older", entries.size() == 100 ? entries.get(entries.size() - 1).id() : null);
		return "web/audit";
	}

	/**
	 * Every row that matches the filters, as CSV (formula cells escaped), read in pages
	 * by id so that memory stays flat however long the log.
	 */
	@GetMapping("/audit.csv")
	void csv(Authentication who, @RequestParam(required = false) String hub,
			@RequestParam(required = false) String action, @RequestParam(required = false) String actor,
			@RequestParam(defaultValue = "false") boolean signIns, jakarta.servlet.http.HttpServletResponse response)
			throws java.io.IOException {
		String h = blank(hub);
		String a = blank(action);
		String p = blank(actor);
		checkHub(h);
		List<String> hubs = visibleHubs(who);
		// Written on the request's own thread: the security filters' headers go out
		// first.
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
				"attachment; filename=\"hubguard-audit.csv\"");
		var writer = response.getWriter();
		writer.write(Csv.row(List.of("id", "at", "actor", "hub", "action", "summary")));
		Long before = null;
		while (true) {
			List<AuditLog.AuditEntry> page = audit.find(new AuditQuery(h, a, p, before, 500, signIns), hubs);
			for (AuditLog.AuditEntry entry : page) {
				writer.write(Csv.row(List.of(String.valueOf(entry.id()), entry.at().toString(), entry.actor(),
						entry.hub() == null ? "" : entry.hub(), entry.action(), entry.summary())));
			}
			if (page.size() < 500) {
				break;
			}
			before = page.get(page.size() - 1).id();
		}
		writer.flush();
	}

	private List<String> visibleHubs(Authentication who) {
		return access.isStaff(who) ? null : access.visibleHubs(who).stream().map(h -> h.ref().toString()).toList();
	}

	private List<AuditLog.AuditEntry> find(Authentication who, String hub, String action, String actor, Long before,
			int limit) {
		return find(who, hub, action, actor, before, limit, true);
	}

	private List<AuditLog.AuditEntry> find(Authentication who, String hub, String action, String actor, Long before,
			int limit, boolean signIns) {
		checkHub(hub);
		return audit.find(new AuditQuery(hub, action, actor, before, limit, signIns), visibleHubs(who));
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
