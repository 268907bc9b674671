package dev.hubguard.notify;

/** A way out: email or a chat webhook. */
interface Channel {

	String id();

	/** Whether it is configured on this replica. */
	boolean available();

	/**
	 * Hands the message over; throws with a message fit for staff's eyes (never a URL or
	 * a credential) when it cannot.
	 */
	void send(Outgoing message) throws DeliveryException;

	/** Why a message could not be handed over, in words fit for the failing list. */
	class DeliveryException extends Exception {

		DeliveryException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
