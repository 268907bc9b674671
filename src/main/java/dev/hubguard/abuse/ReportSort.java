package dev.hubguard.abuse;

import dev.hubguard.shared.InvalidInputException;
import java.util.Arrays;

/**
 * The orders of the abuse lists. Each sorts by a key stored on {@code abuse_reports}
 * (kept by intake, see {@link AlertStore}), then by when the report's user was last seen
 * and the report's id, all in one direction, so every order is one index read forwards or
 * backwards (see the V45 migration).
 */
public enum ReportSort {

	/** The default: open reports first, then the latest seen. */
	OPEN_FIRST("", "(r.state in ('OPEN', 'INVESTIGATING'))"),
	/** Last seen, whatever the state. */
	SEEN("seen", null),
	/** Worst severity of the report's alerts. */
	SEVERITY("severity", "r.severity_weight"),
	/** Number of alerts. */
	ALERTS("alerts", "r.alert_count"),
	/** Open, investigating, resolved, false positive. */
	STATE("state", "r.state_rank");

	/**
	 * An alert's severity as a weight, higher worse (the order of
	 * {@link ReportLists#SEVERITY_RANK}).
	 */
	static final String SEVERITY_WEIGHT = """
			case lower(severity) when 'critical' then 4 when 'page' then 4 when 'error' then 3 when 'high' then 3
			when 'warning' then 2 when 'medium' then 2 when 'info' then 1 when 'low' then 1 else 0 end""";

	private final String param;

	private final String key;

	ReportSort(String param, String key) {
		this.param = param;
		this.key = key;
	}

	/** How the address spells it; empty for the default. */
	String param() {
		return param;
	}

	/** The SQL of the sort key before last seen and id; null when there is none. */
	String key() {
		return key;
	}

	/** Whether the key is the open-or-not flag (a boolean in SQL). */
	boolean flag() {
		return this == OPEN_FIRST;
	}

	static ReportSort parse(String text) {
		if (text == null || text.isBlank()) {
			return OPEN_FIRST;
		}
		return Arrays.stream(values())
			.filter(sort -> !sort.param.isEmpty() && sort.param.equals(text.strip()))
			.findFirst()
			.orElseThrow(() -> new InvalidInputException("sort",
					"Sort by seen, severity, alerts or state (or leave sort out for open first, latest seen)."));
	}

}
