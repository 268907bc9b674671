package dev.hubguard.notify;

import dev.hubguard.abuse.AbuseAlertsArrived;
import dev.hubguard.abuse.AbuseReportAssigned;
import dev.hubguard.abuse.AbuseTicketLinked;
import dev.hubguard.abuse.SecurityConcernFiled;
import dev.hubguard.changes.ChangeRequestCommented;
import dev.hubguard.changes.ChangeRequestDecided;
import dev.hubguard.changes.ChangeRequestFiled;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Listens to the other features' events, synchronously inside the transaction that
 * publishes them: the notice is committed with the change, or not at all.
 */
@Component
class EventIntake {

	private final Outbox outbox;

	EventIntake(Outbox outbox) {
		this.outbox = outbox;
	}

	@EventListener
	void on(ChangeRequestFiled event) {
		outbox.record(Notices.filed(event));
	}

	@EventListener
	void on(ChangeRequestDecided event) {
		outbox.record(Notices.decided(event));
	}

	/** One notice per participant: each is the target of their own. */
	@EventListener
	void on(ChangeRequestCommented event) {
		Notices.commented(event).forEach(outbox::record);
	}

	@EventListener
	void on(AbuseAlertsArrived event) {
		// New alerts that neither open a report nor kill can only matter as a rise in
		// severity; fanning out compares it with what was already told.
		if (event.opened() || event.killed() || event.worstSeverity() != null) {
			outbox.record(Notices.alerts(event));
		}
	}

	@EventListener
	void on(AbuseReportAssigned event) {
		outbox.record(Notices.assigned(event));
	}

	@EventListener
	void on(AbuseTicketLinked event) {
		if (event.hub() != null) {
			outbox.record(Notices.ticket(event));
		}
	}

	@EventListener
	void on(SecurityConcernFiled event) {
		outbox.record(Notices.concern(event));
	}

}
