package dev.hubguard.notify;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** When a digest goes out: at the next full hour, or daily at 07:00 UTC. */
final class Digests {

	static final LocalTime DAILY_AT = LocalTime.of(7, 0);

	private Digests() {
	}

	static Instant nextDue(NoticeKind.Mode mode, Instant now) {
		if (mode == NoticeKind.Mode.DAILY) {
			Instant today = now.atZone(ZoneOffset.UTC).toLocalDate().atTime(DAILY_AT).toInstant(ZoneOffset.UTC);
			return today.isAfter(now) ? today : today.plus(1, ChronoUnit.DAYS);
		}
		return now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
	}

}
