package dev.hubguard.isolation;

import dev.hubguard.hub.CatalogueHub;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Builds the hub page, the hub summary and the staff matrix from reports and history. */
@Component
public class IsolationViews {

	private final IsolationChecks checks;

	private final IsolationHistory history;

	private final Exemptions exemptions;

	private final Clock clock;

	IsolationViews(IsolationChecks checks, IsolationHistory history, Exemptions exemptions, Clock clock) {
		this.checks = checks;
		this.history = history;
		this.exemptions = exemptions;
		this.clock = clock;
	}

	/** The short summary on the hub's overview page. */
	public record Summary(Integer score, int failing, int warnings, String unavailable, String stale, String page) {
	}

	/** From every hub's remembered reports (see {@link LatestReports}). */
	public Summary summary(CatalogueHub hub) {
		String ref = hub.ref().toString();
		IsolationReport report = checks.reports()
			.stream()
			.filter(r -> r.hub().equals(ref))
			.findFirst()
			.orElseGet(() -> checks.report(hub));
		return new Summary(report.score(), report.failing(), report.counts().get(Result.WARN), report.unavailable(),
				report.stale(), "/hubs/" + hub.ref() + "/isolation");
	}

	IsolationView page(CatalogueHub hub, boolean staff, String cursor, Integer limit) {
		IsolationReport report = checks.report(hub);
		UserPage users = UserPage.of(report.users(), cursor, limit);
		Optional<Snapshot> before = history.dayAgo(report.hub());
		Instant now = clock.instant();
		List<IsolationView.ExemptionView> granted = staff ? exemptions.current(hub.ref())
			.stream()
			.map(e -> new IsolationView.ExemptionView(e.id(), e.checkId(), e.object(), e.reason(), e.author(),
					e.expiresOn().toString(), e.activeAt(now)))
			.toList() : List.of();
		return new IsolationView(report.hub(), report.score(), IsolationView.counts(report), report.stale(),
				report.unavailable(), IsolationView.TIME.format(report.evaluatedAt()),
				report.findings().stream().map(FindingView::of).toList(), users.users(), users.total(), users.next(),
				cursor != null && !cursor.isBlank(),
				before.map(s -> IsolationView.TIME.format(s.takenAt())).orElse(null),
				before.map(s -> s.changesTo(report.results())).orElse(List.of()),
				IsolationView.Chart.of(history.history(report.hub())), granted);
	}

	/**
	 * Each hub's latest recorded score, by {@code cluster/hub} (for the all-hubs table).
	 */
	public java.util.Map<String, Integer> latestScores() {
		return history.latestScores();
	}

	/** How many hubs failed at least one check at their latest snapshot. */
	public long failingHubs() {
		return history.latest().values().stream().filter(snapshot -> snapshot.failing() > 0).count();
	}

	/** The hubs that fail more checks than a day ago (for the staff dashboard). */
	public List<String> gotWorse() {
		return IsolationMatrix.worse(checks.reports(), history.failingDayAgo());
	}

	/**
	 * A page of the matrix.
	 * @param path where it is served, for its page links
	 */
	MatrixView matrix(MatrixFilter filter, String cursor, Integer limit, String path) {
		List<IsolationReport> reports = checks.reports();
		java.util.Map<String, Integer> dayAgo = history.failingDayAgo();
		MatrixPages known = pages;
		if (known.reports() != reports || known.dayAgo() != dayAgo) {
			known = new MatrixPages(reports, dayAgo, new java.util.concurrent.ConcurrentHashMap<>());
			pages = known;
		}
		MatrixRequest request = new MatrixRequest(filter, cursor, limit, path);
		MatrixView view = known.views().get(request);
		if (view == null) {
			view = IsolationMatrix.view(reports, filter, cursor, limit, dayAgo, path);
			if (known.views().size() < MATRIX_PAGES_KEPT) {
				known.views().put(request, view);
			}
		}
		return view;
	}

	/** How many matrix pages are kept for the same reports and history. */
	static final int MATRIX_PAGES_KEPT = 64;

	/**
	 * The matrix pages built from these very reports and this very history (compared by
	 * identity: {@link LatestReports} and {@link IsolationHistory} answer the same
	 * objects until something changed), so every view of a page after the first is ready.
	 */
	private record MatrixPages(List<IsolationReport> reports, java.util.Map<String, Integer> dayAgo,
			java.util.Map<MatrixRequest, MatrixView> views) {
	}

	private record MatrixRequest(MatrixFilter filter, String cursor, Integer limit, String path) {
	}

	private volatile MatrixPages pages = new MatrixPages(null, null, java.util.Map.of());

	/**
	 * What staff are about to exempt from a matrix cell ({@code "cluster/hub check.id"}),
	 * if that hub fails or warns on that check; otherwise empty (the link is stale).
	 */
	Optional<CellExemption> cellExemption(String cell) {
		if (cell == null || !cell.strip().contains(" ")) {
			return Optional.empty();
		}
		String[] parts = cell.strip().split(" ", 2);
		return checks.reports()
			.stream()
			.filter(r -> r.hub().equals(parts[0]))
			.flatMap(r -> r.findings().stream())
			.filter(f -> f.id().equals(parts[1]) && (f.result() == Result.FAIL || f.result() == Result.WARN))
			.findFirst()
			.map(f -> new CellExemption(parts[0], f.id(), f.check().title(), IsolationMatrix.label(f.check()),
					f.result().label(), f.result() == Result.FAIL && f.check().severity() == Severity.CRITICAL,
					f.evidence().isEmpty() ? null : f.evidence().get(0)));
	}

	/** The matrix's exemption form for one cell. */
	public record CellExemption(String hub, String check, String title, String severity, String result,
			boolean hidesCritical, String evidence) {
	}

	String csv(MatrixFilter filter) {
		return IsolationMatrix.csv(checks.reports(), filter);
	}

}
