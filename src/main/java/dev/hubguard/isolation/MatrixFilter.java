package dev.hubguard.isolation;

/**
 * The staff matrix's filters: a cluster, a check id, only failing; null or blank means
 * all.
 */
public record MatrixFilter(String cluster, String check, boolean onlyFailing) {

	public MatrixFilter {
		cluster = cluster == null || cluster.isBlank() ? null : cluster;
		check = check == null || check.isBlank() ? null : check;
	}

	boolean shows(Check column) {
		return check == null || check.equals(column.id());
	}

	String query(boolean failing) {
		StringBuilder query = new StringBuilder();
		if (cluster != null) {
			query.append("&cluster=").append(cluster);
		}
		if (check != null) {
			query.append("&check=").append(check);
		}
		if (failing) {
			query.append("&failing=true");
		}
		return query.isEmpty() ? "" : "?" + query.substring(1);
	}

}
