package dev.hubguard.isolation;

import java.util.List;

/**
 * All hubs × checks for staff, filtered.
 *
 * @param failingLink the "only failing" toggle's link, keeping the other filters
 */
public record MatrixView(List<Column> columns, List<Row> rows, List<String> clusters, MatrixFilter filter,
		String failingLink, String csvLink, int worse) {

	public record Column(String id, String title, String severity) {
	}

	public record Row(String hub, String cluster, Integer score, int failing, boolean worse, String stale,
			String unavailable, List<Cell> cells) {
	}

	/** One hub's result for one check, linking to its evidence. */
	public record Cell(String check, String result, String link, String title) {
	}

}
