package dev.hubguard.abuse;

import dev.hubguard.shared.InvalidInputException;

/**
 * A list's order: what it sorts by and which way. Descending is the natural way of every
 * sort (latest, worst, most, open first); ascending reverses it whole.
 */
public record ReportOrder(ReportSort sort, boolean descending) {

	static final ReportOrder DEFAULT = new ReportOrder(ReportSort.OPEN_FIRST, true);

	/** From the address's {@code sort} and {@code dir}; a bad value is a 400. */
	public static ReportOrder parse(String sort, String dir) {
		boolean descending = true;
		if (dir != null && !dir.isBlank()) {
			switch (dir.strip()) {
				case "asc" -> descending = false;
				case "desc" -> descending = true;
				default -> throw new InvalidInputException("dir", "dir is asc or desc.");
			}
		}
		return new ReportOrder(ReportSort.parse(sort), descending);
	}

	/** How a cursor names this order, so a cursor of another order is refused. */
	String name() {
		return (sort.param().isEmpty() ? "open" : sort.param()) + (descending ? "-desc" : "-asc");
	}

	/** The {@code sort} parameter for links; null for the default. */
	public String param() {
		return sort.param().isEmpty() ? null : sort.param();
	}

	/** The {@code dir} parameter for links; null for descending. */
	public String dir() {
		return descending ? null : "asc";
	}

	/** The {@code aria-sort} of a column heading that sorts by {@code param}. */
	public String ariaSort(String param) {
		boolean on = param.equals(sort.param()) || (param.equals("seen") && sort == ReportSort.OPEN_FIRST);
		return on ? (descending ? "descending" : "ascending") : "none";
	}

	/**
	 * The {@code dir} a click on the heading of {@code param} asks for: the reverse when
	 * it is on.
	 */
	public String nextDir(String param) {
		return !ariaSort(param).equals("none") && descending ? "asc" : null;
	}

}
