package dev.hubguard.web;

import dev.hubguard.abuse.AbuseReports;
import dev.hubguard.cluster.ReconcileStatus;
import dev.hubguard.cluster.Reconciler;
import dev.hubguard.egress.InternetAccess;
import dev.hubguard.hub.CatalogueHub;
import dev.hubguard.isolation.IsolationViews;
import dev.hubguard.secrets.SecretCounts;
import dev.hubguard.shared.Cursor;
import dev.hubguard.shared.InvalidInputException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The all-hubs table: one row per hub the person may see, searched by name or cluster,
 * sorted by any column and paged with keyset cursors. Whatever the number of hubs it
 * costs four reads: the catalogue (in memory), the desired internet access (one query),
 * the reconciler's states (one query) and the open reports per hub (one grouped query),
 * and the isolation scores of the latest snapshots (one query on their index).
 */
@Component
public class HubTable {

	static final int PAGE = 50;

	static final int MAX_PAGE = 200;

	/** A person with more hubs than this gets the table rather than cards. */
	static final int MAX_CARDS = 6;

	private final InternetAccess internetAccess;

	private final Reconciler reconciler;

	private final AbuseReports abuse;

	private final IsolationViews isolation;

	private final SecretCounts secrets;

	HubTable(InternetAccess internetAccess, Reconciler reconciler, AbuseReports abuse, IsolationViews isolation,
			SecretCounts secrets) {
		this.secrets = secrets;
		this.internetAccess = internetAccess;
		this.reconciler = reconciler;
		this.abuse = abuse;
		this.isolation = isolation;
	}

	/** What was asked: a search, a column and direction, a cursor and a page size. */
	public record Query(String q, HubSort sort, boolean descending, String cursor, int limit) {

		static Query of(String q, String sort, String dir, String cursor, Integer limit) {
			boolean descending = switch (dir == null || dir.isBlank() ? "asc" : dir) {
				case "asc" -> false;
				case "desc" -> true;
				default -> throw new InvalidInputException("dir", "dir must be asc or desc.");
			};
			return new Query(q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT), HubSort.parse(sort),
					descending, cursor, Cursor.limit(limit, PAGE, MAX_PAGE));
		}

		public String dir() {
			return descending ? "desc" : "asc";
		}

	}

	public record Page(List<HubRow> rows, int matching, String next) {
	}

	Page page(List<CatalogueHub> visible, Query query) {
		return page(visible, query, reconciler.statusByHub());
	}

	/** {@link #page(List, Query)} with the reconciler's states already read. */
	Page page(List<CatalogueHub> visible, Query query, Map<String, ReconcileStatus> sync) {
		Cursor after = Cursor.decode(query.cursor(), "hubs", 5);
		if (after != null && (!after.text(1).equals(query.sort().param()) || !after.text(2).equals(query.dir()))) {
			throw new InvalidInputException("cursor",
					"The cursor belongs to another order of the table; start again from the first page.");
		}
		Map<String, String> access = internetAccess.summaries();
		Map<String, Long> reports = abuse.openCounts();
		Map<String, Integer> scores = isolation.latestScores();
		Map<String, Long> secretCounts = secrets.byHub();
		Comparator<Position> order = Comparator.comparing(Position::key).thenComparing(Position::ref);
		Comparator<Position> sorted = query.descending() ? order.reversed() : order;
		List<HubRow> matching = visible.stream()
			.filter(hub -> query.q() == null || hub.ref().toString().toLowerCase(Locale.ROOT).contains(query.q()))
			.map(hub -> HubRow.of(hub, access.get(hub.ref().toString()), sync.get(hub.ref().toString()),
					reports.getOrDefault(hub.ref().toString(), 0L), scores.get(hub.ref().toString()),
					secretCounts.getOrDefault(hub.ref().toString(), 0L)))
			.sorted(Comparator.comparing(row -> Position.of(query.sort(), row), sorted))
			.toList();
		Position from = after == null ? null : new Position(after.text(3), after.text(4));
		List<HubRow> rest = from == null ? matching
				: matching.stream().filter(row -> sorted.compare(Position.of(query.sort(), row), from) > 0).toList();
		List<HubRow> shown = rest.stream().limit(query.limit()).toList();
		String next = rest.size() > query.limit() ? cursor(query, shown.get(shown.size() - 1)) : null;
		return new Page(shown, matching.size(), next);
	}

	/** Where a row stands in the order: its sort key, then its reference. */
	private record Position(String key, String ref) {

		static Position of(HubSort sort, HubRow row) {
			return new Position(sort.key(row), row.ref());
		}

	}

	private static String cursor(Query query, HubRow last) {
		return Cursor.of("hubs", query.sort().param(), query.dir(), query.sort().key(last), last.ref()).encode();
	}

}
