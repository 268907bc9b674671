package dev.hubguard.hub;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ClusterRepository extends JpaRepository<Cluster, Long> {

	Optional<Cluster> findByName(String name);

}
