package dev.hubguard.secrets;

/**
 * How a secret reaches user servers: an environment variable, or a read-only file under
 * {@value #FILE_DIRECTORY}.
 */
public enum Delivery {

	ENV, FILE;

	public static final String FILE_DIRECTORY = "/etc/hubguard/secrets";

	public static final String ENV_SECRET = "hubguard-user-env";

	public static final String FILES_SECRET = "hubguard-user-files";

	String secretName() {
		return this == ENV ? ENV_SECRET : FILES_SECRET;
	}

}
