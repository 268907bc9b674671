package dev.hubguard.changes;

import dev.hubguard.identity.Access;
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

/**
 * The staff queue (all hubs) or a hub admin's requests, and one request with its actions.
 */
@Controller
class ChangePageController {

	private final ChangeRequests requests;

	private final ChangeLists lists;

	private final Access access;

	ChangePageController(ChangeRequests requests, ChangeLists lists, Access access) {
		this.requests = requests;
		this.lists = lists;
		this.access = access;
	}

	/**
	 * Staff see the review queue by default: pending requests grouped by hub, the
	 * longest-waiting first in each; any other state lists newest first. A page at a
	 * time.
	 */
	@GetMapping("/changes")
	String list(Authentication who, @RequestParam(required = false) String state,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit, Model model) {
		ChangeState filter = state == null ? (access.isStaff(who) ? ChangeState.PENDING : null)
				: ChangeApiController.state(state);
		boolean grouped = filter == ChangeState.PENDING;
		ChangeLists.Page page = lists.page(who, filter, null,
				grouped ? ChangeLists.Order.QUEUE : ChangeLists.Order.NEWEST, cursor, limit);
		model.addAttribute("requests", page.requests());
		model.addAttribute("grouped", grouped);
		model.addAttribute("staff", access.isStaff(who));
		model.addAttribute("filter", filter == null ? "all" : filter.name().toLowerCase());
		model.addAttribute("nextLink", page.next() == null ? null : PageLink.withCursor(page.next()));
		model.addAttribute("firstLink", cursor == null || cursor.isBlank() ? null : PageLink.withCursor(null));
		if (access.isStaff(who)) {
			model.addAttribute("counts", requests.counts());
		}
		return "changes/list";
	}

	@GetMapping("/changes/{id}")
	String show(Authentication who, @PathVariable long id, Model model) {
		ChangeRequestView request = requests.get(who, id);
		model.addAttribute("request", request);
		model.addAttribute("comments", requests.comments(who, id));
		model.addAttribute("review", requests.review(request));
		model.addAttribute("canDecide", access.isStaff(who) && request.pending()
				&& !request.requestedBy().equals(Access.identity(who).orElseThrow().handle()));
		model.addAttribute("isRequester", request.requestedBy().equals(Access.identity(who).orElseThrow().handle()));
		return "changes/show";
	}

	@PostMapping("/changes/{id}/{action:approve|reject|withdraw|rebase|comment}")
	String act(Authentication who, @PathVariable long id, @PathVariable String action,
			@RequestParam(required = false) String text, RedirectAttributes redirect) {
		try {
			switch (action) {
				case "approve" -> requests.approve(who, id);
				case "reject" -> requests.reject(who, id, text);
				case "withdraw" -> requests.withdraw(who, id);
				case "rebase" -> requests.rebase(who, id);
				default -> requests.comment(who, id, text);
			}
			redirect.addFlashAttribute("notice", switch (action) {
				case "approve" -> "Approved: the reconciler applies it now.";
				case "reject" -> "Rejected.";
				case "withdraw" -> "Withdrawn.";
				case "rebase" -> "Rebased on the current version.";
				default -> "Comment added.";
			});
		}
		catch (ConflictException | ForbiddenException | InvalidInputException ex) {
			redirect.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/changes/" + id;
	}

}
