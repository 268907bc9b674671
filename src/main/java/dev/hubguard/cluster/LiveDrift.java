package dev.hubguard.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * For readers that show what the cluster enforces: whether an owned object differs from
 * what its feature renders, and when someone else last changed it.
 */
public final class LiveDrift {

	private LiveDrift() {
	}

	/**
	 * The owned paths outside {@code metadata} where the live object differs from the
	 * rendered one ({@link FieldDiff}); empty when it enforces what is desired.
	 */
	public static List<String> paths(HasMetadata rendered, HasMetadata live) {
		return FieldDiff.differences(rendered, live).stream().filter(path -> !path.startsWith("metadata.")).toList();
	}

	/**
	 * When a manager other than Hubguard last wrote the object, from
	 * {@code metadata.managedFields} (evidence only; empty when the server keeps none).
	 */
	public static Optional<Instant> changedByOthersAt(HasMetadata live) {
		List<ManagedFieldsEntry> entries = live.getMetadata().getManagedFields();
		if (entries == null) {
			return Optional.empty();
		}
		return entries.stream()
			.filter(entry -> !Ownership.FIELD_MANAGER.equals(entry.getManager()) && entry.getTime() != null)
			.map(entry -> parse(entry.getTime()))
			.flatMap(Optional::stream)
			.max(Instant::compareTo);
	}

	private static Optional<Instant> parse(String time) {
		try {
			return Optional.of(Instant.parse(time));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

}
