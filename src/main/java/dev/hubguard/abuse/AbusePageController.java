package dev.hubguard.abuse;

import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Access;
import dev.hubguard.identity.PublicUrl;
import jakarta.servlet.http.HttpServletRequest;
import dev.hubguard.identity.StaffRoster;
import dev.hubguard.shared.ConflictException;
import dev.hubguard.shared.ForbiddenException;
import dev.hubguard.shared.InvalidInputException;
import dev.hubguard.shared.PageLink;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@Controller
class AbusePageController {

	private final AbuseReports reports;

	private final ServerStopper stopper;

	private final AlertTimeline timeline;

	private final UsageCharts usage;

	private final Access access;

	private final ReportLists lists;

	private final UserServers servers;

	private final StaffRoster roster;

	private final ReportTriage triage;

	private final PublicUrl publicUrl;

	AbusePageController(AbuseReports reports, ReportTriage triage, ServerStopper stopper, AlertTimeline timeline,
			UsageCharts usage, Access access, ReportLists lists, UserServers servers, StaffRoster roster,
			PublicUrl publicUrl) {
		this.reports = reports;
		this.triage = triage;
		this.publicUrl = publicUrl;
		this.lists = lists;
		this.servers = servers;
		this.roster = roster;
		this.stopper = stopper;
		this.timeline = timeline;
		this.usage = usage;
		this.access = access;
	}

	@GetMapping("/hubs/{cluster}/{hub}/abuse")
	String hub(Authentication who, @PathVariable String cluster, @PathVariable String hub,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
			@RequestParam(required = false) String cursor, Model model) {
		HubRef ref = new HubRef(cluster, hub);
		ReportOrder order = ReportOrder.parse(sort, dir);
		model.addAttribute("hub", ref.toString());
		page(model, lists.page(who, new ReportLists.Filter(null, null, ref.toString(), null), order, cursor, null),
				cursor, order);
		model.addAttribute("counts", reports.countsBySource(ref));
		return "abuse/hub";
	}

	@GetMapping("/abuse")
	String all(Authentication who, @RequestParam(required = false) String state,
			@RequestParam(required = false) String source, @RequestParam(required = false) String hub,
			@RequestParam(required = false) Integer days, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir, @RequestParam(required = false) String cursor, Model model) {
		String hubFilter = hub == null || hub.isBlank() ? null : HubRef.parse(hub.strip()).toString();
		String sourceFilter = source == null || source.isBlank() ? null : source;
		ReportOrder order = ReportOrder.parse(sort, dir);
		page(model,
				lists.page(who,
						new ReportLists.Filter(state == null || state.isBlank() ? null : AbuseReports.parse(state),
								sourceFilter, hubFilter, days),
						order, cursor, null),
				cursor, order);
		model.addAttribute("state", state);
		model.addAttribute("source", sourceFilter);
		model.addAttribute("hubFilter", hubFilter);
		model.addAttribute("days", days);
		model.addAttribute("staff", access.isStaff(who));
		if (access.isStaff(who)) {
			model.addAttribute("chart", timeline.chart(14));
		}
		return "abuse/list";
	}

	/**
	 * The rows, links to the older page and back to the first (keeping the filters and
	 * order), and the order for the headings' sort links.
	 */
	private static void page(Model model, ReportPage page, String cursor, ReportOrder order) {
		model.addAttribute("reports", page.reports());
		model.addAttribute("order", order);
		java.util.Map<String, String> links = new java.util.HashMap<>();
		for (String param : java.util.List.of("seen", "severity", "alerts", "state")) {
			String dir = order.nextDir(param);
			var uri = ServletUriComponentsBuilder.fromCurrentRequest()
				.replaceQueryParam("cursor")
				.replaceQueryParam("sort", param)
				.replaceQueryParam("dir", dir == null ? new Object[0] : new Object[] { dir })
				.build();
			links.put(param, uri.getPath() + "?" + uri.getQuery());
		}
		model.addAttribute("sortLinks", links);
		model.addAttribute("olderLink", page.next() == null ? null : PageLink.withCursor(page.next()));
		model.addAttribute("firstLink", cursor == null || cursor.isBlank() ? null : PageLink.withCursor(null));
	}

	@GetMapping("/abuse/{ref}")
	String report(Authentication who, @PathVariable String ref, HttpServletRequest request, Model model) {
		ReportDetails details = reports.details(who, ref);
		model.addAttribute("details", details);
		model.addAttribute("r", details.report());
		model.addAttribute("staff", access.isStaff(who));
		UserServers.Server server = servers.of(reports.visible(who, ref));
		model.addAttribute("server", server);
		model.addAttribute("stoppable", server.stoppable());
		model.addAttribute("usage", usage.forReport(details));
		model.addAttribute("staffMembers", roster.members());
		model.addAttribute("myHandle", roster.member(Access.handle(who)).map(StaffRoster.Member::handle).orElse(null));
		model.addAttribute("permalink", publicUrl.base(request) + details.report().permalink());
		return "abuse/report";
	}

	@PostMapping("/abuse/{ref}/{action:triage|note|ticket|stop-server}")
	String act(Authentication who, @PathVariable String ref, @PathVariable String action,
			@RequestParam(required = false) String state, @RequestParam(required = false) String assignee,
			@RequestParam(required = false) String text, @RequestParam(required = false) String ticketId,
			@RequestParam(required = false) String url, RedirectAttributes redirect) {
		try {
			String notice = switch (action) {
				case "triage" -> TriageNotice.of(triage.triage(who, ref, state, assignee),
						roster.member(Access.handle(who)).map(StaffRoster.Member::handle).orElse(null), roster);
				case "note" -> {
					triage.note(who, ref, text);
					yield "Note added.";
				}
				case "ticket" -> "Ticket " + triage.linkTicket(who, ref, ticketId, url).ticketId() + " linked.";
				default -> "Stopped " + stopper.stop(who, ref) + ".";
			};
			redirect.addFlashAttribute("notice", notice);
		}
		catch (ConflictException | ForbiddenException | InvalidInputException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/abuse/" + ref;
	}

}
