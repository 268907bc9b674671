package dev.hubguard.cluster;

/** What the reconciler knows about an owned object. */
public enum ReconcileState {

	/** The cluster has the desired object. */
	IN_SYNC,
	/** A desired version waits to be applied. */
	APPLYING,
	/** Someone changed or deleted the object; it is being put back. */
	DRIFTED,
	/** The last attempt failed; it is retried with backoff. */
	ERROR

}
