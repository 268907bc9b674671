package dev.hubguard.secrets;

import dev.hubguard.hub.HubRef;
import dev.hubguard.shared.InvalidInputException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The secrets API; the route rules have checked that the caller administers the hub (or,
 * under {@code /staff}, is staff). No answer carries a value.
 */
@RestController
class SecretsApiController {

	private final Secrets secrets;

	private final SecretsPages pages;

	private final KeyRotation rotation;

	private final AllowedNames allowedNames;

	SecretsApiController(Secrets secrets, SecretsPages pages, KeyRotation rotation, AllowedNames allowedNames) {
		this.secrets = secrets;
		this.allowedNames = allowedNames;
		this.pages = pages;
		this.rotation = rotation;
	}

	@GetMapping("/api/v1/hubs/{cluster}/{hub}/secrets")
	SecretsPageView list(@PathVariable String cluster, @PathVariable String hub) {
		return pages.view(pages.hub(cluster, hub));
	}

	@GetMapping("/api/v1/hubs/{cluster}/{hub}/secrets/{name}")
	ResponseEntity<SecretView> get(@PathVariable String cluster, @PathVariable String hub, @PathVariable String name) {
		SecretView secret = secrets.get(pages.hub(cluster, hub).ref(), name);
		return ResponseEntity.ok().eTag(Integer.toString(secret.version())).body(secret);
	}

	/**
	 * 201 for a new secret, 200 for a replaced one (with its new version as ETag), 202
	 * with a change request on a hub whose secrets need approval.
	 */
	@PutMapping("/api/v1/hubs/{cluster}/{hub}/secrets/{name}")
	ResponseEntity<Object> put(Authentication who, @PathVariable String cluster, @PathVariable String hub,
			@PathVariable String name, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestBody SecretForm form) {
		HubRef ref = pages.hub(cluster, hub).ref();
		Secrets.Outcome outcome = secrets.set(who, ref, name, form, version(ifMatch));
		if (outcome.request() != null) {
			return ResponseEntity.status(HttpStatus.ACCEPTED).body(outcome.request());
		}
		return ResponseEntity.status(version(ifMatch) == null ? HttpStatus.CREATED : HttpStatus.OK)
			.eTag(Integer.toString(outcome.secret().version()))
			.body(outcome.secret());
	}

	@DeleteMapping("/api/v1/hubs/{cluster}/{hub}/secrets/{name}")
	ResponseEntity<Object> delete(Authentication who, @PathVariable String cluster, @PathVariable String hub,
			@PathVariable String name, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		Secrets.Outcome outcome = secrets.delete(who, pages.hub(cluster, hub).ref(), name, version(ifMatch));
		return outcome.request() != null ? ResponseEntity.status(HttpStatus.ACCEPTED).body(outcome.request())
				: ResponseEntity.noContent().build();
	}

	record ApprovalForm(Boolean needsApproval) {
	}

	@PutMapping("/api/v1/staff/hubs/{cluster}/{hub}/secrets-approval")
	ApprovalForm approval(Authentication who, @PathVariable String cluster, @PathVariable String hub,
			@RequestBody ApprovalForm form) {
		if (form.needsApproval() == null) {
			throw new InvalidInputException("needsApproval", "Say true or false.");
		}
		HubRef ref = pages.hub(cluster, hub).ref();
		secrets.requireApproval(who, ref, form.needsApproval());
		return new ApprovalForm(secrets.needsApproval(ref));
	}

	record AllowForm(String name, String reason) {
	}

	/** Staff allow a refused variable name for this hub (201 with the allowance). */
	@PostMapping("/api/v1/staff/hubs/{cluster}/{hub}/secret-names")
	ResponseEntity<AllowedNames.Allowance> allowName(Authentication who, @PathVariable String cluster,
			@PathVariable String hub, @RequestBody AllowForm form) {
		HubRef ref = pages.hub(cluster, hub).ref();
		return ResponseEntity.status(HttpStatus.CREATED).body(allowedNames.allow(who, ref, form.name(), form.reason()));
	}

	/** Staff take an allowance back; refused while the hub still has such a variable. */
	@DeleteMapping("/api/v1/staff/hubs/{cluster}/{hub}/secret-names/{name}")
	ResponseEntity<Void> refuseName(Authentication who, @PathVariable String cluster, @PathVariable String hub,
			@PathVariable String name) {
		allowedNames.revoke(who, pages.hub(cluster, hub).ref(), name);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/staff/secrets/rewrap")
	KeyRotation.Report rewrap(Authentication who) {
		return rotation.rewrapAll(dev.hubguard.identity.Access.handle(who));
	}

	/**
	 * The metadata version in {@code If-Match}: {@code 3}, {@code "3"} or {@code W/"3"}.
	 */
	static Integer version(String ifMatch) {
		if (ifMatch == null || ifMatch.isBlank()) {
			return null;
		}
		String digits = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
		if (!digits.matches("[0-9]{1,9}")) {
			throw new InvalidInputException("If-Match", "If-Match is the secret's version, such as \"3\".");
		}
		return Integer.valueOf(digits);
	}

}
