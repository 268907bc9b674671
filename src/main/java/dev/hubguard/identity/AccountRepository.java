package dev.hubguard.identity;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface AccountRepository extends JpaRepository<Account, Long> {

	Optional<Account> findByProviderAndSubject(String provider, String subject);

	java.util.List<Account> findByProviderAndUsername(String provider, String username);

	java.util.List<Account> findByProviderAndEmail(String provider, String email);

}
