package dev.hubguard.changes;

import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ChangeRequestRepository extends JpaRepository<ChangeRequest, Long> {

	@Query("select r from ChangeRequest r where (:state is null or r.state = :state) order by r.requestedAt desc")
	List<ChangeRequest> findAllByState(ChangeState state, Limit limit);

	@Query("select r from ChangeRequest r where r.hub in :hubs and (:state is null or r.state = :state) order by r.requestedAt desc")
	List<ChangeRequest> findByHubs(Collection<String> hubs, ChangeState state, Limit limit);

	@Query("select r from ChangeRequest r where r.hub = :hub and r.kind = :kind and r.requestedBy = :by and r.state = dev.hubguard.changes.ChangeState.PENDING")
	List<ChangeRequest> findOpen(String hub, String kind, String by);

	@Query("select count(r) from ChangeRequest r where r.state = dev.hubguard.changes.ChangeState.PENDING")
	long countPending();

	@Query("select r.state, count(r) from ChangeRequest r group by r.state")
	List<Object[]> countByState();

}
