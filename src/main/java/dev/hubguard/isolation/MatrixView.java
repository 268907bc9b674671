package dev.hubguard.isolation;

import java.util.List;

/**
 * All hubs × checks for staff, filtered, a page of hubs at a time (by hub name).
 *
 * @param failingLink the "only failing" toggle's link, keeping the other filters
 * @param worse how many of the hubs the filter keeps fail more checks than a day ago
 * @param matching how many hubs the filter keeps, on every page
 * @param next the cursor of the next page, null on the last
 * @param nextLink the next page's address, null on the last
 * @param firstLink the first page's address, null on the first
 */
public record MatrixView(List<Column> columns, List<Row> rows, List<String> clusters, MatrixFilter filter,
		String failingLink, String csvLink, int worse, int matching, String next, String nextLink, String firstLink) {

	public record Column(String id, String title, String severity) {
	}

	public record Row(String hub, String cluster, Integer score, int failing, boolean worse, String stale,
			String unavailable, List<Cell> cells) {
	}

	/** One hub's result for one check, linking to its evidence. */
	public record Cell(String check, String result, String link, String title) {
	}

}
