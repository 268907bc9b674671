package dev.hubguard.abuse;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * {@code hubguard_cryptnono_last_read_timestamp_seconds{cluster}}: when this replica last
 * read every cryptnono agent of a cluster to the end without an error (0: not yet, as on
 * a replica that is not the leader). The lag a dashboard shows is
 * {@code time() - max by (cluster) (…)}: the newest read of any replica, so a leader
 * hand-over does not look like lag.
 */
@Component
class CryptnonoLag {

	static final String METRIC = "hubguard_cryptnono_last_read_timestamp_seconds";

	private final MeterRegistry meters;

	private final Map<String, AtomicLong> lastRead = new ConcurrentHashMap<>();

	CryptnonoLag(MeterRegistry meters) {
		this.meters = meters;
	}

	/** Exposes the cluster's series, at 0 (never read by this replica) until a read. */
	void track(String cluster) {
		lastRead.computeIfAbsent(cluster, this::register);
	}

	/** Every agent of {@code cluster} was read up to {@code at}. */
	void read(String cluster, Instant at) {
		lastRead.computeIfAbsent(cluster, this::register).set(at.toEpochMilli());
	}

	private AtomicLong register(String cluster) {
		AtomicLong millis = new AtomicLong();
		Gauge.builder(METRIC, millis, value -> value.get() / 1000.0)
			.description("When every cryptnono agent of the cluster was last read to the end")
			.tag("cluster", cluster)
			.register(meters);
		return millis;
	}

}
