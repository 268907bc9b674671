package dev.hubguard.identity;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

	@Query("select t from ApiToken t where t.account.id = :accountId order by t.createdAt desc")
	List<ApiToken> findByAccount(long accountId);

}
