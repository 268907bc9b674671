package dev.hubguard.changes;

/** Where a change request is in its life. */
public enum ChangeState {

	PENDING, APPROVED, REJECTED, WITHDRAWN

}
