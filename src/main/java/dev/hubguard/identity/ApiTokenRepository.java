package dev.hubguard.identity;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

	@Query("select t from ApiToken t join fetch t.account where t.tokenHash = :hash")
	Optional<ApiToken> findByHash(byte[] hash);

	@Query("select t from ApiToken t where t.account.id = :accountId order by t.createdAt desc")
	List<ApiToken> findByAccount(long accountId);

}
