package dev.hubguard.web;

import dev.hubguard.shared.InvalidInputException;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The columns the all-hubs table sorts by. Each gives a row a text key that sorts as the
 * column should (numbers zero-padded, missing values last); ties go by the hub's
 * reference, so the order and the cursors are total.
 */
public enum HubSort {

	NAME("name", HubRow::hub), CLUSTER("cluster", HubRow::cluster),
	ACCESS("access", row -> row.access() == null ? "~" : row.access()),
	SYNC("sync", row -> row.syncRank() + row.syncLabel()),
	REPORTS("reports", row -> String.format("%010d", row.openReports())),
	SCORE("score", row -> row.score() == null ? "~" : String.format("%03d", row.score())),
	SECRETS("secrets", row -> String.format("%010d", row.secrets()));

	private final String param;

	private final Function<HubRow, String> key;

	HubSort(String param, Function<HubRow, String> key) {
		this.param = param;
		this.key = key;
	}

	public String param() {
		return param;
	}

	String key(HubRow row) {
		return key.apply(row);
	}

	static HubSort parse(String text) {
		if (text == null || text.isBlank()) {
			return NAME;
		}
		return Arrays.stream(values())
			.filter(sort -> sort.param.equals(text))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("sort",
					"sort must be one of name, cluster, access, sync, reports or score."));
	}

}
