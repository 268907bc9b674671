package dev.hubguard.secrets;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which variable names a secret may not have, because a variable of that name changes how
 * every user's server, or a program in it, runs: single names and whole families by
 * prefix, compared case-insensitively, each with the reason in words a hub admin
 * understands. A few well-known credentials inside a family stay allowed, and provider
 * staff may allow a refused name for one hub. File names are checked against the short
 * list files always had: a file's name changes nothing about how a server runs.
 */
final class NameRules {

	private static final String ASK_STAFF = "; ask provider staff to allow it for this hub if you really need it.";

	/**
	 * Credentials that a family's tools read as a token and nothing else: npm reads
	 * {@code NODE_AUTH_TOKEN} from the registry line of an {@code .npmrc} (as
	 * {@code actions/setup-node} writes it); Node.js itself ignores it.
	 */
	static final Set<String> CREDENTIALS = Set.of("NODE_AUTH_TOKEN");

	/** A family of refused variables: its prefix and why, as a sentence. */
	record Family(String prefix, String reason) {

		/** "PIP_… variables" and what they do. */
		static Family of(String prefix, String whatTheyDo) {
			return new Family(prefix, prefix + "\u2026 variables " + whatTheyDo);
		}

	}

	/** Longest prefix first, so that JUPYTERHUB_ speaks before JUPYTER. */
	static final List<Family> FAMILIES = Stream
		.of(Family.of("LD_", "change which libraries every program in a server loads"),
				Family.of("PYTHON", "change how Python starts in every server"),
				new Family("IPYTHONDIR", "IPYTHONDIR changes where IPython reads its start-up files in every server"),
				Family.of("JUPYTER", "change where Jupyter reads its configuration and extensions in every server"),
				Family.of("JUPYTERHUB_", "are set by JupyterHub itself for every server"),
				Family.of("JPY_", "are set by JupyterHub itself for every server"),
				Family.of("NB_", "change the user and groups a server's start-up scripts run as"),
				Family.of("CONDA_", "change which environment and package channels conda uses in every server"),
				Family.of("PIP_", "change where pip installs packages from in every server"),
				Family.of("NODE_", "change how Node.js starts and where it loads modules from in every server"),
				Family.of("NPM_CONFIG_", "change npm's configuration (such as its registry) in every server"),
				Family.of("JAVA_", "change how Java starts in every server"),
				Family.of("_JAVA_", "change how Java starts in every server"),
				Family.of("JDK_", "change how Java starts in every server"),
				Family.of("PERL", "change how Perl starts and where it loads modules from in every server"),
				Family.of("RUBY", "change how Ruby starts and where it loads code from in every server"),
				Family.of("R_", "change how R starts (its profile, environment file and libraries) in every server"),
				Family.of("JULIA_", "change how Julia starts and where it loads packages from in every server"),
				Family.of("GIT_", "change which commands git runs and where it connects in every server"),
				Family.of("SSL_", "change which certificates secure connections trust in every server"),
				Family.of("CURL_", "change which certificates secure connections trust in every server"),
				Family.of("REQUESTS_CA", "change which certificates secure connections trust in every server"),
				Family.of("MALLOC_", "change how every program in a server manages its memory"),
				Family.of("GCONV", "make every program in a server that converts text load code from elsewhere"),
				Family.of("BASH_", "change how bash starts in every server"),
				Family.of("XDG_", "change where programs in every server read their configuration"),
				new Family("MPLCONFIGDIR",
						"MPLCONFIGDIR changes where matplotlib reads its configuration in every server"),
				Family.of("LESS", "change how the pager less runs (it can run commands) in every server"),
				Family.of("KUBERNETES_", "are set by Kubernetes itself for every server"))
		.sorted(Comparator.comparingInt((Family f) -> f.prefix().length()).reversed())
		.toList();

	/** Proxy settings end in PROXY, in any case: HTTP_PROXY, no_proxy, GOPROXY… */
	static final String PROXY_SUFFIX = "PROXY";

	/** Single names and what they do. */
	static final Map<String, String> SINGLES = Map.ofEntries(
			Map.entry("ENV", "names a file every shell in a server runs when it starts"),
			Map.entry("IFS", "changes how every shell script in a server splits words"),
			Map.entry("PS1", "changes what shells in a server show and run at their prompt"),
			Map.entry("PS2", "changes what shells in a server show and run at their prompt"),
			Map.entry("PS3", "changes what shells in a server show and run at their prompt"),
			Map.entry("PS4", "changes what shells in a server show and run at their prompt"),
			Map.entry("PROMPT_COMMAND", "is a command bash runs before every prompt in a server"),
			Map.entry("HOME", "is set by the server for its user"),
			Map.entry("USER", "is set by the server for its user"),
			Map.entry("SHELL", "chooses the program every terminal in a server runs"),
			Map.entry("PATH", "chooses which programs run in every server"),
			Map.entry("TMPDIR", "changes where every program in a server writes temporary files"),
			Map.entry("EDITOR", "is a command programs in a server run to edit text"),
			Map.entry("VISUAL", "is a command programs in a server run to edit text"),
			Map.entry("PAGER", "is a command programs in a server run to show text"),
			Map.entry("BROWSER", "is a command programs in a server run to open links"),
			Map.entry("SSH_ASKPASS", "is a command ssh runs to ask for a password in every server"),
			Map.entry("LOCPATH", "makes every program in a server load its locale data from elsewhere"),
			Map.entry("NLSPATH", "makes every program in a server load its messages from elsewhere"),
			Map.entry("HOSTALIASES", "changes which machine every program in a server reaches for a name"),
			Map.entry("MEM_LIMIT", "is set by the hub to tell each server its resources"),
			Map.entry("CPU_LIMIT", "is set by the hub to tell each server its resources"),
			Map.entry("MEM_GUARANTEE", "is set by the hub to tell each server its resources"),
			Map.entry("CPU_GUARANTEE", "is set by the hub to tell each server its resources"));

	/** The names a file secret could never have (unchanged since files began). */
	static final Set<String> FILE_NAMES_REFUSED = Set.of("PATH", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP",
			"LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "BASH_ENV", "NODE_OPTIONS", "JAVA_TOOL_OPTIONS",
			"PIP_INDEX_URL", "HTTP_PROXY", "HTTPS_PROXY", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "JUPYTER_CONFIG_DIR",
			"JUPYTER_PATH", "JUPYTER_RUNTIME_DIR", "HOME", "SHELL", "MEM_LIMIT", "CPU_LIMIT");

	static final List<String> FILE_PREFIXES_REFUSED = List.of("JUPYTERHUB_", "JPY_", "KUBERNETES_");

	private NameRules() {
	}

	/** A name as it is compared and as staff allow it: upper case. */
	static String normal(String name) {
		return name.toUpperCase(Locale.ROOT);
	}

	/**
	 * Why a variable may not have this name (a sentence for the hub admin), or empty when
	 * it may; {@code allowedForHub} holds the refused names staff allowed for the hub, in
	 * upper case.
	 */
	static Optional<String> refusal(String name, Set<String> allowedForHub) {
		String upper = normal(name);
		if (CREDENTIALS.contains(upper) || allowedForHub.contains(upper)) {
			return Optional.empty();
		}
		return reason(upper).map(why -> why + ASK_STAFF);
	}

	/** Whether a variable of this name is refused unless staff allow it for the hub. */
	static boolean refusedByDefault(String name) {
		String upper = normal(name);
		return !CREDENTIALS.contains(upper) && reason(upper).isPresent();
	}

	static boolean fileNameRefused(String name) {
		String upper = normal(name);
		return FILE_NAMES_REFUSED.contains(upper) || FILE_PREFIXES_REFUSED.stream().anyMatch(upper::startsWith);
	}

	private static Optional<String> reason(String upper) {
		String single = SINGLES.get(upper);
		if (single != null) {
			return Optional.of(upper + " " + single);
		}
		for (Family family : FAMILIES) {
			if (upper.startsWith(family.prefix())) {
				return Optional.of(family.reason());
			}
		}
		if (upper.endsWith(PROXY_SUFFIX)) {
			return Optional.of("\u2026PROXY variables send the web traffic of every server through another machine");
		}
		return Optional.empty();
	}

}
