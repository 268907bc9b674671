package dev.hubguard.changes;

import dev.hubguard.hub.HubRef;
import dev.hubguard.shared.InvalidInputException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

	ChangeApiController(ChangeRequests requests) {
		this.requests = requests;
	}

	@GetMapping("/api/v1/change-requests")
	List<ChangeRequestView> list(Authentication who, @RequestParam(required = false) String state,
			@RequestParam(required = false) String hub, @RequestParam(defaultValue = "100") int limit) {
		return requests.list(who, state(state), hub == null ? null : HubRef.parse(hub), limit);
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
