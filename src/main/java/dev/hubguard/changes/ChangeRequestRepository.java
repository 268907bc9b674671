package dev.hubguard.changes;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ChangeRequestRepository extends JpaRepository<ChangeRequest, Long> {

	@Query("select r from ChangeRequest r where r.hub = :hub and r.kind = :kind and r.requestedBy = :by and r.state = dev.hubguard.changes.ChangeState.PENDING")
	List<ChangeRequest> findOpen(String hub, String kind, String by);

	@Query("select count(r) from ChangeRequest r where r.state = dev.hubguard.changes.ChangeState.PENDING")
	long countPending();

}
