package dev.hubguard.abuse;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface AbuseReportRepository extends JpaRepository<AbuseReport, Long> {

	Optional<AbuseReport> findByRef(String ref);

	@Query("""
			select count(r) > 0 from AbuseReport r where r.subject = :subject and r.id <> :id
			and (r.hub = :hub or (r.hub is null and :hub is null)) and r.state in ('OPEN', 'INVESTIGATING')""")
	boolean anotherOpen(String hub, String subject, long id);

}
