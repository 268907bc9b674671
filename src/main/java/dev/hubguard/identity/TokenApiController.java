package dev.hubguard.identity;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TokenApiController {

	private final ApiTokens tokens;

	TokenApiController(ApiTokens tokens) {
		this.tokens = tokens;
	}

	@GetMapping("/api/v1/tokens")
	List<ApiTokenView> list(Authentication authentication) {
		return tokens.list((PortalAuthentication) authentication);
	}

	/**
	 * Only from a browser session (see the route rules); the answer is the one time the
	 * token is shown.
	 */
	@PostMapping("/api/v1/tokens")
	@ResponseStatus(HttpStatus.CREATED)
	CreatedTokenResponse create(Authentication authentication, @RequestBody TokenForm form) {
		ApiTokens.CreatedToken created = tokens.create((PortalAuthentication) authentication, form.name(),
				form.lifetime());
		return new CreatedTokenResponse(created.token(), created.value());
	}

	@DeleteMapping("/api/v1/tokens/{id}")
	ApiTokenView revoke(Authentication authentication, @PathVariable long id) {
		return tokens.revoke((PortalAuthentication) authentication, id);
	}

	record CreatedTokenResponse(ApiTokenView token, String value) {
	}

}
