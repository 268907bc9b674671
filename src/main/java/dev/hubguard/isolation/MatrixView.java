package dev.hubguard.isolation;

import java.util.List;

/**
 * All hubs × checks for staff, filtered, a page of hubs at a time (by hub name, or most
 * critical failures first).
 *
 * @param columns the checks, worst severity first
 * @param groups the columns' severities in order, with how many columns each spans
 * @param failingLink the "only failing" toggle's link, keeping the other filters
 * @param byHubLink the link that orders by hub, keeping the filters
 * @param byCriticalLink the link that orders by critical failures, keeping the filters
 * @param worse how many of the hubs the filter keeps fail more checks than a day ago
 * @param matching how many hubs the filter keeps, on every page
 * @param next the cursor of the next page, null on the last
 * @param nextLink the next page's address, null on the last
 * @param firstLink the first page's address, null on the first
 */
public record MatrixView(List<Column> columns, List<Group> groups, List<Row> rows, List<String> clusters,
		MatrixFilter filter, String failingLink, String byHubLink, String byCriticalLink, String csvLink, int worse,
		int matching, String next, String nextLink, String firstLink) {

	public record Column(String id, String title, String severity) {
	}

	/** A severity heading over its columns. */
	public record Group(String severity, int span) {
	}

	/**
	 * @param critical how many critical checks the hub fails
	 */
	public record Row(String hub, String cluster, Integer score, int failing, int critical, boolean worse, String stale,
			String unavailable, List<Cell> cells) {

		/** The cells that fail, warn or are exempt: what the list a phone shows names. */
		public List<Cell> problems() {
			return cells.stream()
				.filter(cell -> cell.result().equals("fail") || cell.result().equals("warn")
						|| cell.result().equals("exempt"))
				.toList();
		}

	}

	/**
	 * One hub's result for one check, linking to its evidence.
	 *
	 * @param checkTitle the check's title, for the phone list
	 * @param severity the check's severity
	 * @param exemptLink where staff exempt the hub from this check, for a failure or a
	 * warning; otherwise null
	 * @param hidesCritical an exemption hides a failure of a critical check
	 */
	public record Cell(String check, String result, String link, String title, String checkTitle, String severity,
			String exemptLink, boolean hidesCritical) {
	}

}
