package dev.hubguard.changes;

import dev.hubguard.hub.HubRef;
import dev.hubguard.shared.InvalidInputException;
import dev.hubguard.shared.PageLink;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import java.util.Locale;
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
 * Change requests over the API; {@link ChangeRequests} checks who may see and decide each
 * one.
 */
@RestController
class ChangeApiController {

	private final ChangeRequests requests;

	private final ChangeLists lists;

	ChangeApiController(ChangeRequests requests, ChangeLists lists) {
		this.requests = requests;
		this.lists = lists;
	}

	/**
	 * A page of requests, newest first; a {@code Link: <…>; rel="next"} header carries
	 * the next page's address while there is one.
	 */
	@GetMapping("/api/v1/change-requests")
	ResponseEntity<List<ChangeRequestView>> list(Authentication who, @RequestParam(required = false) String state,
			@RequestParam(required = false) String hub,
			@Parameter(
					description = "The 'next' cursor of the previous page (from its Link header); none for the first page.") @RequestParam(
							required = false) String cursor,
			@Parameter(description = "Requests per page, 1 to 200; 50 when not given.") @RequestParam(
					required = false) Integer limit) {
		ChangeLists.Page page = lists.page(who, state(state), hub == null || hub.isBlank() ? null : HubRef.parse(hub),
				ChangeLists.Order.NEWEST, cursor, limit);
		var answer = ResponseEntity.ok();
		if (page.next() != null) {
			answer.header(HttpHeaders.LINK, PageLink.next(page.next()));
		}
		return answer.body(page.requests());
	}

	@GetMapping("/api/v1/change-requests/{id}")
	ChangeRequestView get(Authentication who, @PathVariable long id) {
		return requests.get(who, id);
	}

	@PostMapping("/api/v1/change-requests/{id}/approve")
	ChangeRequestView approve(Authentication who, @PathVariable long id) {
		return requests.approve(who, id);
	}

	@PostMapping("/api/v1/change-requests/{id}/reject")
	ChangeRequestView reject(Authentication who, @PathVariable long id,
			@RequestBody(required = false) Map<String, String> body) {
		return requests.reject(who, id, body == null ? null : body.get("note"));
	}

	@PostMapping("/api/v1/change-requests/{id}/withdraw")
	ChangeRequestView withdraw(Authentication who, @PathVariable long id) {
		return requests.withdraw(who, id);
	}

	@PostMapping("/api/v1/change-requests/{id}/rebase")
	ChangeRequestView rebase(Authentication who, @PathVariable long id) {
		return requests.rebase(who, id);
	}

	@GetMapping("/api/v1/change-requests/{id}/comments")
	List<Comment.CommentView> comments(Authentication who, @PathVariable long id) {
		return requests.comments(who, id);
	}

	@PostMapping("/api/v1/change-requests/{id}/comments")
	Comment.CommentView comment(Authentication who, @PathVariable long id, @RequestBody Map<String, String> body) {
		return requests.comment(who, id, body.get("body"));
	}

	static ChangeState state(String state) {
		if (state == null || state.isBlank()) {
			return null;
		}
		try {
			return ChangeState.valueOf(state.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("state",
					"State '" + state + "' is not pending, approved, rejected or withdrawn.");
		}
	}

}
