package dev.hubguard.identity;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A machine that pushes to the portal (Alertmanager), authenticated by its configured
 * bearer token.
 */
final class MachineAuthentication extends AbstractAuthenticationToken {

	private final String machine;

	MachineAuthentication(String machine) {
		super(List.of(new SimpleGrantedAuthority("MACHINE_" + machine)));
		this.machine = machine;
		setAuthenticated(true);
	}

	String machine() {
		return machine;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return "machine:" + machine;
	}

}
