package dev.hubguard.secrets;

import java.time.LocalDate;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * A secret change as a change request stores it: metadata only. A new value waits
 * encrypted in {@code secret_pending}, named here by a random id ({@code pending}) that
 * {@link #shown} leaves out.
 */
record RequestedChange(String op, String name, String delivery, String description, String rotateBy, Integer ifMatch,
		boolean valueReplaced, String pending, String requestedBy) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The hub's secrets as a request's "before": names, deliveries and versions. */
	record Listing(List<Entry> secrets) {
	}

	record Entry(String name, String delivery, int version) {
	}

	/** {@code requestedBy}: the handle of the admin who asked, the change's author. */
	static RequestedChange of(SecretChange change, String pending, String requestedBy) {
		return new RequestedChange(change.delete() ? "delete" : "set", change.name(),
				change.delivery() == null ? null : change.delivery().name(), change.description(),
				change.rotateBy() == null ? null : change.rotateBy().toString(), change.ifMatch(),
				change.value() != null, pending, requestedBy);
	}

	SecretChange toChange(byte[] value) {
		if ("delete".equals(op)) {
			return SecretChange.deletion(name, ifMatch);
		}
		return new SecretChange(name, Delivery.valueOf(delivery), description,
				rotateBy == null ? null : LocalDate.parse(rotateBy), value, ifMatch, false);
	}

	RequestedChange shown() {
		return new RequestedChange(op, name, delivery, description, rotateBy, ifMatch, valueReplaced, null,
				requestedBy);
	}

	String json() {
		return JSON.writeValueAsString(this);
	}

	static String json(Listing listing) {
		return JSON.writeValueAsString(listing);
	}

	static RequestedChange read(String json) {
		return JSON.readValue(json, RequestedChange.class);
	}

	/**
	 * Whatever a state holds, only its metadata fields survive: a listing keeps names,
	 * deliveries and versions; a change everything but the pending id.
	 */
	static String redact(String state) {
		if (state == null) {
			return null;
		}
		try {
			if (JSON.readTree(state).has("secrets")) {
				return json(JSON.readValue(state, Listing.class));
			}
			return read(state).shown().json();
		}
		catch (RuntimeException ex) {
			return "{\"redacted\":true}";
		}
	}

}
