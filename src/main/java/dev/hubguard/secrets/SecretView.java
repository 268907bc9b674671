package dev.hubguard.secrets;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A secret as pages and the API show it: metadata only, never its value (nor its size or
 * a hash of it).
 */
public record SecretView(String name, Delivery delivery, String description, LocalDate rotateBy, boolean overdue,
		int version, String createdBy, Instant createdAt, String updatedBy, String approvedBy, Instant updatedAt,
		Instant valueChangedAt, List<HistoryView> history) {

	/**
	 * One metadata change: who, when, what ("value replaced", "description changed"), and
	 * who approved it when it went through a change request.
	 */
	public record HistoryView(Instant at, String by, String approvedBy, String change, Long changeRequestId) {

		static HistoryView of(SecretHistory.Entry entry) {
			return new HistoryView(entry.at(), entry.by(), entry.approvedBy(), entry.change(), entry.changeRequestId());
		}

	}

	SecretView withHistory(List<HistoryView> history) {
		return new SecretView(name, delivery, description, rotateBy, overdue, version, createdBy, createdAt, updatedBy,
				approvedBy, updatedAt, valueChangedAt, history);
	}

	static SecretView of(SecretStore.Row row, LocalDate today, List<HistoryView> history) {
		return new SecretView(row.name(), row.delivery(), row.description(), row.rotateBy(),
				row.rotateBy() != null && row.rotateBy().isBefore(today), row.version(), row.createdBy(),
				row.createdAt(), row.updatedBy(), row.approvedBy(), row.updatedAt(), row.valueChangedAt(), history);
	}

	public String target() {
		return delivery == Delivery.ENV ? "$" + name : Delivery.FILE_DIRECTORY + "/" + name;
	}

}
