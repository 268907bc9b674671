package dev.hubguard.changes;

import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Person;
import dev.hubguard.shared.ConflictException;
import dev.hubguard.shared.ForbiddenException;
import dev.hubguard.shared.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A proposed new desired state for one hub. The rules live here: only pending requests
 * are decided, nobody approves their own request, a request based on an older version
 * must be rebased before approval, only the requester withdraws or rebases, a rejection
 * says why. Four eyes compare people: see {@link #approve}.
 */
@Entity
@Table(name = "change_requests")
class ChangeRequest {

	static final String AUTOMATIC = "hubguard (reduces exposure)";

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false)
	private String hub;

	@Column(nullable = false)
	private String kind;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private ChangeState state;

	private String beforeState;

	@Column(nullable = false)
	private String afterState;

	@Column(nullable = false)
	private String summary;

	@Column(nullable = false)
	private String justification;

	private int baseVersion;

	private Integer appliedVersion;

	private boolean widensAccess;

	@Column(nullable = false)
	private String requestedBy;

	/** The requester's staff roster id at filing, if the roster listed them. */
	private String requestedByPerson;

	/** The requester's verified emails at filing. */
	@JdbcTypeCode(SqlTypes.ARRAY)
	@Column(nullable = false)
	private List<String> requestedByEmails = List.of();

	@Column(nullable = false)
	private Instant requestedAt;

	private String decidedBy;

	private Instant decidedAt;

	private String decisionNote;

	@Version
	private int lockVersion;

	protected ChangeRequest() {
	}

	ChangeRequest(HubRef hub, String kind, String before, String after, String summary, String justification,
			int baseVersion, boolean widensAccess, Person requester, Instant now) {
		String reason = justification == null ? "" : justification.strip();
		if (reason.isEmpty()) {
			throw new InvalidInputException("justification", "Say why this change is needed.");
		}
		if (reason.length() > 2000) {
			throw new InvalidInputException("justification", "A justification has at most 2000 characters.");
		}
		this.hub = hub.toString();
		this.kind = kind;
		this.state = ChangeState.PENDING;
		this.beforeState = before;
		this.afterState = after;
		this.summary = summary;
		this.justification = reason;
		this.baseVersion = baseVersion;
		this.widensAccess = widensAccess;
		this.requestedBy = requester.handle();
		this.requestedByPerson = requester.rosterPerson();
		this.requestedByEmails = requester.verifiedEmails().stream().sorted().toList();
		this.requestedAt = now;
	}

	/**
	 * Four eyes between people, not sign-ins: the approver must be on the staff roster,
	 * must not be the requester's roster person, and must share no verified email with
	 * the requester.
	 */
	void approve(Person approver, int currentVersion, Instant now) {
		requirePending("approved");
		if (isRequester(approver)) {
			throw new ForbiddenException(
					"Nobody approves their own request, under any of their sign-ins: another member of staff must.");
		}
		if (approver.rosterPerson() == null) {
			throw new ForbiddenException("Approving needs an identity on the staff roster (HUBGUARD_STAFF_ROSTER), and "
					+ approver.handle() + " is not on it: sign in with one that is, or ask for it to be added."
					+ " You may still comment or reject.");
		}
		requireCurrent(currentVersion);
		decide(ChangeState.APPROVED, approver.handle(), null, now);
	}

	/**
	 * Whether this person, under any sign-in the roster or a verified email ties, asked
	 * for this.
	 */
	boolean isRequester(Person someone) {
		return someone.handle().equals(requestedBy)
				|| (someone.rosterPerson() != null && someone.rosterPerson().equals(requestedByPerson))
				|| someone.verifiedEmails().stream().anyMatch(requestedByEmails::contains);
	}

	/**
	 * A change that only reduces exposure needs no reviewer (when the portal is
	 * configured so).
	 */
	void approveAutomatically(int currentVersion, Instant now) {
		requirePending("approved");
		if (widensAccess) {
			throw new IllegalStateException("a change that widens access cannot be approved automatically");
		}
		requireCurrent(currentVersion);
		decide(ChangeState.APPROVED, AUTOMATIC, "Applied at once: it only reduces exposure.", now);
	}

	void applied(int version) {
		appliedVersion = version;
	}

	void reject(String by, String note, Instant now) {
		requirePending("rejected");
		String reason = note == null ? "" : note.strip();
		if (reason.isEmpty()) {
			throw new InvalidInputException("note", "Say why the request is rejected, so its author can act on it.");
		}
		decide(ChangeState.REJECTED, by, reason, now);
	}

	void withdraw(String by, Instant now) {
		requirePending("withdrawn");
		if (!by.equals(requestedBy)) {
			throw new ForbiddenException("Only the person who asked for a change withdraws it.");
		}
		decide(ChangeState.WITHDRAWN, by, null, now);
	}

	/**
	 * Bases a stale request on the current desired state, so it can be reviewed against
	 * what is live now.
	 */
	void rebase(String by, String currentState, int currentVersion, boolean widensNow, String newSummary) {
		requirePending("rebased");
		if (!by.equals(requestedBy)) {
			throw new ForbiddenException("Only the person who asked for a change rebases it.");
		}
		beforeState = currentState;
		baseVersion = currentVersion;
		widensAccess = widensNow;
		if (newSummary != null) {
			summary = newSummary;
		}
	}

	boolean isStale(int currentVersion) {
		return stale(state, baseVersion, currentVersion);
	}

	/**
	 * A pending request is stale once the hub's current version is no longer the one it
	 * was written against.
	 */
	static boolean stale(ChangeState state, int baseVersion, int currentVersion) {
		return state == ChangeState.PENDING && baseVersion != currentVersion;
	}

	private void requirePending(String what) {
		if (state != ChangeState.PENDING) {
			throw new ConflictException(
					"Request " + id + " is " + state.name().toLowerCase() + " and cannot be " + what + ".");
		}
	}

	private void requireCurrent(int currentVersion) {
		if (baseVersion != currentVersion) {
			throw new ConflictException("Request " + id + " was made against version " + baseVersion
					+ " but the hub is now at version " + currentVersion + ": rebase it before approving.");
		}
	}

	private void decide(ChangeState decided, String by, String note, Instant now) {
		state = decided;
		decidedBy = by;
		decidedAt = now;
		decisionNote = note;
	}

	Long id() {
		return id;
	}

	HubRef hub() {
		return HubRef.parse(hub);
	}

	String kind() {
		return kind;
	}

	ChangeState state() {
		return state;
	}

	String afterState() {
		return afterState;
	}

	/**
	 * Who a comment by {@code commenter} concerns: the author, the person who decided it
	 * (not the automatic approval) and those who commented before, without the commenter.
	 */
	List<String> participants(String commenter, List<String> earlierCommenters) {
		java.util.LinkedHashSet<String> told = new java.util.LinkedHashSet<>();
		told.add(requestedBy);
		if (decidedBy != null && !AUTOMATIC.equals(decidedBy)) {
			told.add(decidedBy);
		}
		told.addAll(earlierCommenters);
		told.remove(commenter);
		return List.copyOf(told);
	}

	int baseVersion() {
		return baseVersion;
	}

	boolean widensAccess() {
		return widensAccess;
	}

	String requestedBy() {
		return requestedBy;
	}

	/** The request as shown; {@code redact} is its kind's last guard on the states. */
	ChangeRequestView view(int currentVersion, UnaryOperator<String> redact) {
		return new RequestRow(id, hub, kind, state, beforeState, afterState, summary, justification, baseVersion,
				appliedVersion, widensAccess, requestedBy, requestedAt, decidedBy, decidedAt, decisionNote)
			.view(currentVersion, redact);
	}

}
