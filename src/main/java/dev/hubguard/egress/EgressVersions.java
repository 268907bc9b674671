package dev.hubguard.egress;

import dev.hubguard.hub.HubRef;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The versioned desired internet access of every hub; the highest version is the desired
 * state.
 */
@Component
class EgressVersions {

	private final JdbcClient jdbc;

	private final java.util.function.Supplier<java.util.Map<String, String>> summaries;

	private final java.util.function.Supplier<java.util.Map<String, EgressPolicy>> policies;

	EgressVersions(JdbcClient jdbc, dev.hubguard.shared.DataRevisions revisions) {
		this.jdbc = jdbc;
		this.policies = revisions.memo(this::readPolicies, "egress_versions");
		this.summaries = revisions.memo(this::summarise, "egress_versions");
	}

	record Version(int number, EgressPolicy policy, Instant createdAt, String createdBy, Long changeRequestId) {
	}

	Optional<Version> current(HubRef hub) {
		return jdbc.sql("""
				select version, policy, created_at, created_by, change_request_id from egress_versions
				where hub = :hub order by version desc limit 1""")
			.param("hub", hub.toString())
			.query((rs, n) -> new Version(rs.getInt("version"), EgressPolicyJson.read(rs.getString("policy")),
					rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
					rs.getObject("change_request_id", Long.class)))
			.optional();
	}

	/**
	 * The current version number of each hub (0 for a hub without one), in one read: the
	 * highest version of each on the (hub, version) index.
	 */
	Map<HubRef, Integer> numbers(Collection<HubRef> hubs) {
		Map<HubRef, Integer> numbers = new HashMap<>();
		hubs.forEach(hub -> numbers.put(hub, 0));
		if (hubs.isEmpty()) {
			return numbers;
		}
		jdbc.sql("""
				select h.hub, (select max(v.version) from egress_versions v where v.hub = h.hub) as version
				from unnest(array[:hubs]::text[]) h(hub)""")
			.param("hubs", hubs.stream().map(HubRef::toString).distinct().toList())
			.query(rs -> {
				numbers.put(HubRef.parse(rs.getString("hub")), rs.getInt("version"));
			});
		return numbers;
	}

	/** Serialises writers of one hub until the caller's transaction ends. */
	void lock(HubRef hub) {
		jdbc.sql("select pg_advisory_xact_lock(hashtext('egress:' || :hub))")
			.param("hub", hub.toString())
			.query()
			.singleValue();
	}

	void insert(HubRef hub, int version, String policyJson, String by, long changeRequestId, Instant now) {
		jdbc.sql("""
				insert into egress_versions (hub, version, policy, created_at, created_by, change_request_id)
				values (:hub, :version, :policy, :at, :by, :request)""")
			.param("hub", hub.toString())
			.param("version", version)
			.param("policy", policyJson)
			.param("at", Timestamp.from(now))
			.param("by", by)
			.param("request", changeRequestId)
			.update();
	}

	List<HubRef> hubs() {
		return jdbc.sql("select distinct hub from egress_versions")
			.query(String.class)
			.list()
			.stream()
			.map(HubRef::parse)
			.toList();
	}

	/**
	 * Each hub's current policy in words (read again only when a version was written).
	 */
	java.util.Map<String, String> currentSummaries() {
		return summaries.get();
	}

	/**
	 * The current policies' summaries (the policies' memo is current at the same
	 * revision).
	 */
	private java.util.Map<String, String> summarise() {
		java.util.Map<String, String> summaries = new java.util.HashMap<>();
		currentPolicies().forEach((hub, policy) -> summaries.put(hub, policy.summary()));
		return java.util.Collections.unmodifiableMap(summaries);
	}

	/** Each hub's current policy (read again only when a version was written). */
	java.util.Map<String, EgressPolicy> currentPolicies() {
		return policies.get();
	}

	private java.util.Map<String, EgressPolicy> readPolicies() {
		java.util.Map<String, EgressPolicy> policies = new java.util.HashMap<>();
		jdbc.sql("select distinct on (hub) hub, policy from egress_versions order by hub, version desc")
			.query((rs, n) -> policies.put(rs.getString(1), EgressPolicyJson.read(rs.getString(2))))
			.list();
		return java.util.Collections.unmodifiableMap(policies);
	}

	/** The hubs with a version written after the watermark (an id). */
	List<HubRef> hubsAfter(long watermark) {
		return jdbc.sql("select distinct hub from egress_versions where id > :watermark")
			.param("watermark", watermark)
			.query(String.class)
			.list()
			.stream()
			.map(HubRef::parse)
			.toList();
	}

	long watermark() {
		return jdbc.sql("select coalesce(max(id), 0) from egress_versions").query(Long.class).single();
	}

}
