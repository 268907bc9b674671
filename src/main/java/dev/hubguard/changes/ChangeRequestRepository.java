package dev.hubguard.changes;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ChangeRequestRepository extends JpaRepository<ChangeRequest, Long> {

	@Query("select r from ChangeRequest r where r.hub = :hub and r.kind = :kind and r.requestedBy = :by and r.state = dev.hubguard.changes.ChangeState.PENDING")
	List<ChangeRequest> findOpen(String hub, String kind, String by);

	/**
	 * A page's requests by id. A query string rather than {@code findAllById}'s criteria
	 * query, so that Hibernate keeps its interpretation instead of rebuilding it on every
	 * list (most of a change list's CPU in a bench/run profile).
	 */
	@Query("select r from ChangeRequest r where r.id in :ids")
	List<ChangeRequest> findPage(List<Long> ids);

	@Query("select count(r) from ChangeRequest r where r.state = dev.hubguard.changes.ChangeState.PENDING")
	long countPending();

}
