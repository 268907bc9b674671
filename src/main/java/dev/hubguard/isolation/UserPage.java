package dev.hubguard.isolation;

import dev.hubguard.shared.Cursor;
import java.util.Comparator;
import java.util.List;

/**
 * A page of a hub's user servers (a thousand at a large hub), by username then pod, after
 * a keyset cursor.
 *
 * @param total how many servers the hub runs, on every page
 * @param next the cursor of the next page, null on the last
 */
record UserPage(List<IsolationReport.UserServer> users, int total, String next) {

	static final int PAGE = 50;

	static final int MAX_PAGE = 200;

	private static final Comparator<IsolationReport.UserServer> ORDER = Comparator
		.comparing(IsolationReport.UserServer::username)
		.thenComparing(IsolationReport.UserServer::pod);

	/**
	 * @param cursor from a previous page's {@code next}; null or blank for the first
	 * @param limit servers per page, 1 to {@value #MAX_PAGE}; null for {@value #PAGE}
	 */
	static UserPage of(List<IsolationReport.UserServer> all, String cursor, Integer limit) {
		Cursor after = Cursor.decode(cursor, "isolation-users", 3);
		int size = Cursor.limit(limit, PAGE, MAX_PAGE);
		IsolationReport.UserServer from = after == null ? null
				: new IsolationReport.UserServer(after.text(1), after.text(2), null, null, List.of());
		List<IsolationReport.UserServer> rest = all.stream()
			.filter(u -> from == null || ORDER.compare(u, from) > 0)
			.sorted(ORDER)
			.toList();
		List<IsolationReport.UserServer> shown = rest.subList(0, Math.min(size, rest.size()));
		String next = rest.size() > size ? Cursor
			.of("isolation-users", shown.get(shown.size() - 1).username(), shown.get(shown.size() - 1).pod())
			.encode() : null;
		return new UserPage(shown, all.size(), next);
	}

}
