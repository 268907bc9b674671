package dev.hubguard.hub;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface HubRepository extends JpaRepository<Hub, Long> {

	@Query("select h from Hub h join fetch h.cluster")
	List<Hub> findAllWithCluster();

}
