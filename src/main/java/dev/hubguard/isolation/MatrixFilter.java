package dev.hubguard.isolation;

import dev.hubguard.shared.InvalidInputException;

/**
 * The staff matrix's filters and order: a cluster, a check id, only failing; null or
 * blank means all. {@code sort} is null (by hub) or {@code critical} (most critical
 * failures first).
 */
public record MatrixFilter(String cluster, String check, boolean onlyFailing, String sort) {

	public static final String BY_CRITICAL = "critical";

	public MatrixFilter {
		cluster = cluster == null || cluster.isBlank() ? null : cluster;
		check = check == null || check.isBlank() ? null : check;
		sort = sort == null || sort.isBlank() || sort.equals("hub") ? null : sort.strip();
		if (sort != null && !sort.equals(BY_CRITICAL)) {
			throw new InvalidInputException("sort", "sort is hub or critical.");
		}
	}

	public MatrixFilter(String cluster, String check, boolean onlyFailing) {
		this(cluster, check, onlyFailing, null);
	}

	boolean byCritical() {
		return BY_CRITICAL.equals(sort);
	}

	boolean shows(Check column) {
		return check == null || check.equals(column.id());
	}

	/** The same filters in another order (null: by hub). */
	MatrixFilter sorted(String order) {
		return new MatrixFilter(cluster, check, onlyFailing, order);
	}

	String query(boolean failing) {
		StringBuilder query = new StringBuilder();
		if (sort != null) {
			query.append("&sort=").append(sort);
		}
		if (cluster != null) {
			query.append("&cluster=")
				.append(java.net.URLEncoder.encode(cluster, java.nio.charset.StandardCharsets.UTF_8));
		}
		if (check != null) {
			query.append("&check=").append(java.net.URLEncoder.encode(check, java.nio.charset.StandardCharsets.UTF_8));
		}
		if (failing) {
			query.append("&failing=true");
		}
		return query.isEmpty() ? "" : "?" + query.substring(1);
	}

}
