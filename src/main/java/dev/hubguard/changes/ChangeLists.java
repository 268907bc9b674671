package dev.hubguard.changes;

import dev.hubguard.hub.HubRef;
import dev.hubguard.identity.Access;
import dev.hubguard.shared.Cursor;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Change requests a page at a time, every hub's for staff and the caller's hubs'
 * otherwise. Pages follow a keyset cursor on an indexed order, so a page costs the same
 * however deep it is and no request shows twice when new ones arrive. A page costs three
 * reads whatever its size: the page's ids (one index range, or one per visible hub), the
 * requests themselves, and the current version of each hub with a pending request on the
 * page (per hub and kind).
 */
@Service
public class ChangeLists {

	public static final int DEFAULT_LIMIT = 50;

	public static final int MAX_LIMIT = 200;

	/** How a list is ordered. */
	public enum Order {

		/** Newest first. */
		NEWEST("changes"),
		/**
		 * The review queue: pending requests grouped by hub, the longest-waiting first in
		 * each.
		 */
		QUEUE("change-queue");

		private final String cursorKind;

		Order(String cursorKind) {
			this.cursorKind = cursorKind;
		}

	}

	/** One page; {@code next} is the cursor of the following page, null on the last. */
	public record Page(List<ChangeRequestView> requests, String next) {
	}

	private final JdbcClient jdbc;

	private final List<ChangeKind> kinds;

	private final Access access;

	/**
	 * The number of requests in each state, read again only when a request was written.
	 */
	private final java.util.function.Supplier<Map<ChangeState, Long>> counts;

	ChangeLists(JdbcClient jdbc, List<ChangeKind> kinds, Access access, dev.hubguard.shared.DataRevisions revisions) {
		this.jdbc = jdbc;
		this.counts = revisions.memo(this::readCounts, "change_requests");
		this.kinds = kinds;
		this.access = access;
	}

	/**
	 * @param state null: every state; the queue is always the pending requests
	 * @param hub null: every visible hub
	 * @param cursor a previous page's {@code next}; null for the first page
	 * @param limit rows per page, 1 to {@value #MAX_LIMIT}; null for
	 * {@value #DEFAULT_LIMIT}
	 */
	@Transactional(readOnly = true)
	public Page page(Authentication who, ChangeState state, HubRef hub, Order order, String cursor, Integer limit) {
		int size = Cursor.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
		Cursor after = Cursor.decode(cursor, order.cursorKind, order == Order.QUEUE ? 4 : 3);
		List<String> hubs;
		if (hub != null) {
			hubs = access.canSee(who, hub) ? List.of(hub.toString()) : List.of();
		}
		else {
			hubs = access.isStaff(who) ? null : access.visibleHubs(who).stream().map(h -> h.ref().toString()).toList();
		}
		if (hubs != null && hubs.isEmpty()) {
			return new Page(List.of(), null);
		}
		List<Key> keys = keys(hubs, order == Order.QUEUE ? ChangeState.PENDING : state, order, after, size + 1);
		String next = null;
		if (keys.size() > size) {
			keys = keys.subList(0, size);
			next = keys.get(size - 1).cursor(order);
		}
		return new Page(views(keys), next);
	}

	/**
	 * How many requests are in each state: one count per state on the state index (an
	 * index-only scan), rather than a read of the table.
	 */
	@Transactional(readOnly = true)
	public Map<ChangeState, Long> counts() {
		return counts.get();
	}

	private Map<ChangeState, Long> readCounts() {
		Map<ChangeState, Long> counts = new EnumMap<>(ChangeState.class);
		jdbc.sql("""
				select s.state, (select count(*) from change_requests r where r.state = s.state) as requests
				from unnest(array[:states]::text[]) s(state)""")
			.param("states", Arrays.stream(ChangeState.values()).map(ChangeState::name).toList())
			.query(rs -> {
				counts.put(ChangeState.valueOf(rs.getString("state")), rs.getLong("requests"));
			});
		return java.util.Collections.unmodifiableMap(counts);
	}

	/** Where a row stands in its order. */
	private record Key(long id, String hub, Instant requestedAt) {

		String cursor(Order order) {
			return order == Order.QUEUE ? Cursor.of(order.cursorKind, hub, Cursor.micros(requestedAt), "" + id).encode()
					: Cursor.of(order.cursorKind, Cursor.micros(requestedAt), "" + id).encode();
		}

	}

	/**
	 * The page's ids in order. Within a set of hubs each hub is read on its own index
	 * range (at most {@code rows} each), so a hub admin's page never sorts their hubs'
	 * whole history.
	 */
	private List<Key> keys(List<String> hubs, ChangeState state, Order order, Cursor after, int rows) {
		PageSql page = pageSql(hubs, state, order, after, rows);
		return jdbc.sql(page.sql())
			.params(page.params())
			.query((rs, n) -> new Key(rs.getLong("id"), rs.getString("hub"),
					rs.getTimestamp("requested_at").toInstant()))
			.list();
	}

	/** A statement and its named parameters. */
	record PageSql(String sql, Map<String, Object> params) {
	}

	/** The page query: the ids, hubs and times of at most {@code rows} requests. */
	static PageSql pageSql(List<String> hubs, ChangeState state, Order order, Cursor after, int rows) {
		boolean queue = order == Order.QUEUE;
		StringBuilder where = new StringBuilder();
		Map<String, Object> params = new HashMap<>();
		if (state != null) {
			where.append(" and r.state = :state");
			params.put("state", state.name());
		}
		if (after != null && queue) {
			where.append(" and (r.hub, r.requested_at, r.id) > (:afterHub, :afterAt, :afterId)");
			params.put("afterHub", after.text(1));
			params.put("afterAt", Timestamp.from(after.instant(2)));
			params.put("afterId", after.number(3));
		}
		else if (after != null) {
			where.append(" and (r.requested_at, r.id) < (:afterAt, :afterId)");
			params.put("afterAt", Timestamp.from(after.instant(1)));
			params.put("afterId", after.number(2));
		}
		params.put("rows", rows);
		if (hubs == null) {
			return new PageSql("select r.id, r.hub, r.requested_at from change_requests r where true" + where
					+ " order by " + orderBy("r", queue) + " limit :rows", params);
		}
		params.put("hubs", hubs);
		return new PageSql("select p.id, p.hub, p.requested_at from unnest(array[:hubs]::text[]) h(hub) cross join "
				+ "lateral (select r.id, r.hub, r.requested_at from change_requests r where r.hub = h.hub" + where
				+ " order by " + orderBy("r", queue) + " limit :rows) p order by " + orderBy("p", queue)
				+ " limit :rows", params);
	}

	private static String orderBy(String table, boolean queue) {
		return queue ? "%1$s.hub, %1$s.requested_at, %1$s.id".formatted(table)
				: "%1$s.requested_at desc, %1$s.id desc".formatted(table);
	}

	/**
	 * The requests of the page in one read; whether a pending one is stale needs its
	 * hub's current version, read once per hub and kind.
	 */
	private List<ChangeRequestView> views(List<Key> keys) {
		if (keys.isEmpty()) {
			return List.of();
		}
		Map<Long, RequestRow> found = new HashMap<>();
		jdbc.sql("""
				select id, hub, kind, state, before_state, after_state, summary, justification, base_version,
				applied_version, widens_access, requested_by, requested_at, decided_by, decided_at, decision_note
				from change_requests where id = any(:ids)""")
			.param("ids", keys.stream().map(Key::id).toArray(Long[]::new))
			.query(RequestRow::of)
			.list()
			.forEach(listed -> found.put(listed.id(), listed));
		Map<String, Map<HubRef, Integer>> versions = new HashMap<>();
		Map<String, Set<HubRef>> pendingHubs = new HashMap<>();
		for (RequestRow request : found.values()) {
			if (request.state() == ChangeState.PENDING) {
				pendingHubs.computeIfAbsent(request.kind(), k -> new LinkedHashSet<>())
					.add(HubRef.parse(request.hub()));
			}
		}
		pendingHubs.forEach((kind, hubs) -> versions.put(kind, kind(kind).currentVersions(hubs)));
		List<ChangeRequestView> views = new ArrayList<>(keys.size());
		for (Key key : keys) {
			RequestRow request = found.get(key.id());
			if (request == null) {
				continue;
			}
			ChangeKind kind = kind(request.kind());
			int current = request.state() == ChangeState.PENDING
					? versions.get(request.kind()).get(HubRef.parse(request.hub())) : request.baseVersion();
			views.add(request.view(current, kind::redact));
		}
		return views;
	}

	private ChangeKind kind(String id) {
		return kinds.stream()
			.filter(kind -> kind.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no change kind " + id));
	}

}
