package dev.hubguard.web;

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
			@RequestParam(required = false) Long before, Model model) {
		List<AuditLog.AuditEntry> entries = find(who, blank(hub), blank(action), blank(actor), before, 100);
		model.addAttribute("entries", entries);
		model.addAttribute("hub", hub);
		model.addAttribute("action", action);
		model.addAttribute("actor", actor);
		model.addAttribute("older", entries.size() == 100 ? entries.get(entries.size() - 1).id() : null);
		return "web/audit";
	}

	private List<AuditLog.AuditEntry> find(Authentication who, String hub, String action, String actor, Long before,
			int limit) {
		if (hub != null) {
			HubRef.parse(hub);
		}
		List<String> hubs = access.isStaff(who) ? null
				: access.visibleHubs(who).stream().map(h -> h.ref().toString()).toList();
		return audit.find(new AuditQuery(hub, action, actor, before, limit), hubs);
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
