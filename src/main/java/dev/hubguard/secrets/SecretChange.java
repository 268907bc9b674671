package dev.hubguard.secrets;

import java.time.LocalDate;

/**
 * One validated change to one secret: set (a null value keeps the current one) or delete.
 * {@code ifMatch} is the metadata version the author saw (null: a new secret). Its
 * {@code toString} never shows the value.
 */
record SecretChange(String name, Delivery delivery, String description, LocalDate rotateBy, byte[] value,
		Integer ifMatch, boolean delete) {

	static SecretChange deletion(String name, Integer ifMatch) {
		return new SecretChange(name, null, null, null, null, ifMatch, true);
	}

	SecretChange withoutValue() {
		return new SecretChange(name, delivery, description, rotateBy, null, ifMatch, delete);
	}

	@Override
	public String toString() {
		return "SecretChange[" + (delete ? "delete " : "set ") + name + ", delivery=" + delivery + ", value="
				+ (value == null ? "kept" : "(hidden)") + ", ifMatch=" + ifMatch + "]";
	}

	@Override
	public boolean equals(Object other) {
		return this == other;
	}

	@Override
	public int hashCode() {
		return System.identityHashCode(this);
	}

}
