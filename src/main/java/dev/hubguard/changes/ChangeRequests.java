package dev.hubguard.changes;

import dev.hubguard.audit.AuditEvent;
import dev.hubguard.audit.AuditLog;
import dev.hubguard.cluster.DesiredStateChanged;
import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Access;
import dev.hubguard.identity.Person;
import dev.hubguard.identity.StaffRoster;
import dev.hubguard.shared.ConflictException;
import dev.hubguard.shared.ForbiddenException;
import dev.hubguard.shared.InvalidInputException;
import dev.hubguard.shared.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Submits, decides and lists change requests. Authorisation is checked here for every
 * request (the route rules only know the caller is signed in): a request of a hub the
 * caller cannot see does not exist for them.
 */
@Service
public class ChangeRequests {

	private final ChangeRequestRepository requests;

	private final CommentRepository comments;

	private final List<ChangeKind> kinds;

	private final Access access;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final ChangeProperties properties;

	private final Clock clock;

	private final StaffRoster roster;

	private final ChangeLists lists;

	ChangeRequests(ChangeRequestRepository requests, CommentRepository comments, List<ChangeKind> kinds, Access access,
			AuditLog audit, ApplicationEventPublisher events, ChangeProperties properties, Clock clock,
			StaffRoster roster, ChangeLists lists) {
		this.lists = lists;
		this.requests = requests;
		this.comments = comments;
		this.kinds = kinds;
		this.access = access;
		this.audit = audit;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
		this.roster = roster;
	}

	/**
	 * Records a request; a change that only reduces exposure is applied at once when so
	 * configured.
	 */
	@Transactional
	public ChangeRequestView submit(Authentication who, ChangeProposal proposal) {
		if (!access.canAdminister(who, proposal.hub())) {
			throw new NotFoundException("No hub " + proposal.hub() + " is yours to change.");
		}
		ChangeKind kind = kind(proposal.kind());
		int current = kind.currentVersion(proposal.hub());
		if (proposal.baseVersion() != current) {
			throw new ConflictException("You edited version " + proposal.baseVersion()
					+ " but the hub is now at version " + current + ": reload and make your change again.");
		}
		String by = Access.handle(who);
		String subject = kind.subject(proposal.after());
		// One open request per person, kind and subject; a change applied at once opens
		// none, so it may always be made.
		boolean opensOne = proposal.widensAccess() || !properties.applyReductionsAtOnce();
		for (ChangeRequest open : opensOne ? requests.findOpen(proposal.hub().toString(), proposal.kind(), by)
				: List.<ChangeRequest>of()) {
			if (java.util.Objects.equals(subject, kind.subject(open.afterState()))) {
				if (!open.id().equals(proposal.replaces())) {
					throw new dev.hubguard.shared.OpenRequestException(open.id(),
							"You already have an open request for this" + (subject == null ? "" : " (" + subject + ")")
									+ ": change " + open.id() + " (" + open.view(current, kind::redact).summary()
									+ "). Replace it with this one, or withdraw it first.");
				}
				withdraw(open, by, "Withdrew change " + open.id() + ", replaced by a new request");
			}
		}
		ChangeRequest request = requests.save(new ChangeRequest(proposal.hub(), proposal.kind(), proposal.before(),
				proposal.after(), proposal.summary(), proposal.justification(), current, proposal.widensAccess(),
				roster.describe(who), clock.instant()));
		audit.record(new AuditEvent(by, proposal.hub().toString(), proposal.kind() + ".requested",
				"Requested change " + request.id() + ": " + proposal.summary() + " — " + proposal.justification(),
				kind.redact(proposal.before()), kind.redact(proposal.after()))
			.aboutChange(request.id()));
		if (!proposal.widensAccess() && properties.applyReductionsAtOnce()) {
			request.approveAutomatically(current, clock.instant());
			apply(request, kind, ChangeRequest.AUTOMATIC);
		}
		else {
			events.publishEvent(
					new ChangeRequestFiled(request.id(), proposal.hub(), proposal.kind(), proposal.summary(), by));
		}
		return request.view(kind.currentVersion(proposal.hub()), kind::redact);
	}

	@Transactional
	public ChangeRequestView approve(Authentication who, long id) {
		ChangeRequest request = visible(who, id);
		if (!access.canApprove(who, request.hub())) {
			throw new ForbiddenException("Only provider staff approve change requests.");
		}
		ChangeKind kind = kind(request.kind());
		Person approver = roster.describe(who);
		request.approve(approver, kind.currentVersion(request.hub()), clock.instant());
		apply(request, kind, approver.handle());
		decided(request, approver.handle());
		return request.view(kind.currentVersion(request.hub()), kind::redact);
	}

	@Transactional
	public ChangeRequestView reject(Authentication who, long id, String note) {
		ChangeRequest request = visible(who, id);
		if (!access.canApprove(who, request.hub())) {
			throw new ForbiddenException("Only provider staff reject change requests; withdraw your own instead.");
		}
		String by = Access.handle(who);
		request.reject(by, note, clock.instant());
		kind(request.kind()).discarded(request.hub(), request.afterState());
		audit.record(
				AuditEvent
					.of(by, request.hub().toString(), request.kind() + ".rejected",
							"Rejected change " + id + " asked by " + request.requestedBy() + ": " + note)
					.aboutChange(id));
		decided(request, by);
		return view(request);
	}

	@Transactional
	public ChangeRequestView withdraw(Authentication who, long id) {
		ChangeRequest request = visible(who, id);
		withdraw(request, Access.handle(who), "Withdrew change " + id);
		return view(request);
	}

	/** Withdraws the author's request: its kept material destroyed, audited. */
	private void withdraw(ChangeRequest request, String by, String summary) {
		request.withdraw(by, clock.instant());
		kind(request.kind()).discarded(request.hub(), request.afterState());
		audit.record(AuditEvent.of(by, request.hub().toString(), request.kind() + ".withdrawn", summary)
			.aboutChange(request.id()));
		decided(request, by);
	}

	private void decided(ChangeRequest request, String by) {
		ChangeRequestView view = view(request);
		events.publishEvent(new ChangeRequestDecided(view.id(), request.hub(), view.kind(), view.summary(),
				view.state(), by, view.requestedBy(), view.decisionNote()));
	}

	@Transactional
	public ChangeRequestView rebase(Authentication who, long id) {
		ChangeRequest request = visible(who, id);
		ChangeKind kind = kind(request.kind());
		String by = Access.handle(who);
		int current = kind.currentVersion(request.hub());
		String currentState = kind.currentState(request.hub());
		request.rebase(by, currentState, current, kind.widens(currentState, request.afterState()),
				kind.summary(currentState, request.afterState()));
		audit.record(
				AuditEvent
					.of(by, request.hub().toString(), request.kind() + ".rebased",
							"Rebased change " + id + " on version " + current)
					.aboutChange(id));
		return view(request);
	}

	/**
	 * The request's rules added and removed, the hub as it would be after approval and,
	 * once approved, whether the cluster runs it.
	 */
	public record Review(List<String> diff, List<String> preview, ChangeKind.Enforcement enforcement) {
	}

	public Review review(ChangeRequestView request) {
		ChangeKind kind = kind(request.kind());
		HubRef hub = HubRef.parse(request.hub());
		return new Review(kind.diff(request.before(), request.after()),
				request.pending() ? kind.preview(hub, request.after()) : List.of(),
				request.appliedVersion() == null ? null : kind.enforcement(hub, request.appliedVersion()));
	}

	@Transactional
	public Comment.CommentView comment(Authentication who, long id, String body) {
		ChangeRequest request = visible(who, id);
		String text = body == null ? "" : body.strip();
		if (text.isEmpty() || text.length() > 4000) {
			throw new InvalidInputException("body", "A comment has 1 to 4000 characters.");
		}
		String by = Access.handle(who);
		List<String> earlier = comments.findByChangeRequestIdOrderByAt(id).stream().map(Comment::author).toList();
		Comment comment = comments.save(new Comment(id, by, text, clock.instant()));
		audit.record(AuditEvent.of(by, request.hub().toString(), "change.commented", "Commented on change " + id)
			.aboutChange(id));
		ChangeRequestView view = view(request);
		events.publishEvent(new ChangeRequestCommented(id, request.hub(), view.kind(), view.summary(), by,
				request.participants(by, earlier)));
		return comment.view();
	}

	@Transactional(readOnly = true)
	public ChangeRequestView get(Authentication who, long id) {
		return view(visible(who, id));
	}

	@Transactional(readOnly = true)
	public List<Comment.CommentView> comments(Authentication who, long id) {
		visible(who, id);
		return comments.findByChangeRequestIdOrderByAt(id).stream().map(Comment::view).toList();
	}

	/**
	 * The newest {@code limit} requests (at most {@value ChangeLists#MAX_LIMIT}) of the
	 * hub, or of every visible hub when null; one page of {@link ChangeLists}.
	 */
	public List<ChangeRequestView> list(Authentication who, ChangeState state, HubRef hub, int limit) {
		return lists.page(who, state, hub, ChangeLists.Order.NEWEST, null, Math.clamp(limit, 1, ChangeLists.MAX_LIMIT))
			.requests();
	}

	/** How many requests are in each state (for the staff queue). */
	@Transactional(readOnly = true)
	public Map<ChangeState, Long> counts() {
		return lists.counts();
	}

	private void apply(ChangeRequest request, ChangeKind kind, String by) {
		int version = kind.apply(request.hub(), request.afterState(), request.baseVersion(), by, request.id());
		request.applied(version);
		audit.record(new AuditEvent(by, request.hub().toString(), request.kind() + ".approved",
				"Approved change " + request.id() + " asked by " + request.requestedBy()
						+ "; desired state is now version " + version,
				null, kind.redact(request.afterState()))
			.aboutChange(request.id()));
		events.publishEvent(new DesiredStateChanged(request.hub(), request.kind(), version));
	}

	private ChangeRequest visible(Authentication who, long id) {
		return requests.findById(id)
			.filter(r -> access.canSee(who, r.hub()))
			.orElseThrow(() -> new NotFoundException("No change request " + id + " is visible to you."));
	}

	private ChangeRequestView view(ChangeRequest request) {
		ChangeKind kind = kind(request.kind());
		return request.view(kind.currentVersion(request.hub()), kind::redact);
	}

	private ChangeKind kind(String id) {
		return kinds.stream()
			.filter(kind -> kind.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no change kind " + id));
	}

}
