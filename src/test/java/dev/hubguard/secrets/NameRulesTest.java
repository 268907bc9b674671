package dev.hubguard.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hubguard.shared.InvalidInputException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which variable names a hub admin may give a secret: every name the outside security
 * test found accepted is refused in any case, with a reason and the way out; credentials
 * and ordinary names pass; file names are as they were; a staff allowance admits one
 * name.
 */
class NameRulesTest {

	/** The names the outside test (issue 19, item 2) found accepted, and today's. */
	static final List<String> SERVER_CHANGING = List.of("LD_DEBUG", "PYTHONWARNINGS", "PYTHONINSPECT", "NODE_PATH",
			"_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "PERL5OPT", "RUBYOPT", "GCONV_PATH", "ENV", "PROMPT_COMMAND", "IFS",
			"GIT_SSH_COMMAND", "JUPYTER_CONFIG_PATH", "JUPYTER_DATA_DIR", "PIP_EXTRA_INDEX_URL", "PIP_CONFIG_FILE",
			"ALL_PROXY", "CURL_CA_BUNDLE", "SSL_CERT_DIR", "NB_UID",
			// and the rest of the families and single names
			"PATH", "PYTHONPATH", "PYTHONSTARTUP", "LD_PRELOAD", "LD_LIBRARY_PATH", "BASH_ENV", "NODE_OPTIONS",
			"JAVA_TOOL_OPTIONS", "PIP_INDEX_URL", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "FTP_PROXY", "SOCKS_PROXY",
			"REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "JUPYTER_PATH", "JUPYTERHUB_API_TOKEN", "JPY_API_TOKEN",
			"KUBERNETES_SERVICE_HOST", "IPYTHONDIR", "CONDA_PREFIX", "NPM_CONFIG_REGISTRY", "PERL5LIB",
			"R_PROFILE_USER", "R_ENVIRON_USER", "R_LIBS_USER", "JULIA_DEPOT_PATH", "MALLOC_CONF", "GCONV",
			"XDG_CONFIG_HOME", "MPLCONFIGDIR", "LESSOPEN", "LESS", "PS1", "PS2", "PS3", "PS4", "HOME", "USER", "SHELL",
			"TMPDIR", "EDITOR", "VISUAL", "PAGER", "BROWSER", "SSH_ASKPASS", "MEM_LIMIT", "CPU_LIMIT", "MEM_GUARANTEE",
			"CPU_GUARANTEE");

	static final List<String> ORDINARY = List.of("OPENAI_API_KEY", "HF_TOKEN", "GITHUB_TOKEN", "GH_TOKEN",
			"AWS_SECRET_ACCESS_KEY", "EARTHDATA_USERNAME", "WANDB_API_KEY", "NPM_TOKEN", "_private", "DATABASE_URL",
			"ANTHROPIC_API_KEY", "GITLAB_TOKEN", "LDAP_PASSWORD", "NODEJS_LICENCE", "RSTUDIO_KEY");

	/** The name as written, lower case, and mixed case. */
	static List<String> spellings(String name) {
		StringBuilder mixed = new StringBuilder();
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			mixed.append(i % 2 == 0 ? Character.toLowerCase(c) : Character.toUpperCase(c));
		}
		return List.of(name, name.toLowerCase(Locale.ROOT), mixed.toString());
	}

	@Test
	void everyServerChangingVariableIsRefusedInAnyCaseWithAReasonAndTheWayOut() {
		for (String name : SERVER_CHANGING) {
			for (String spelling : spellings(name)) {
				assertThatThrownBy(() -> SecretRules.name(spelling, Delivery.ENV, Set.of())).as(spelling)
					.isInstanceOf(InvalidInputException.class)
					.hasMessageEndingWith("ask provider staff to allow it for this hub if you really need it.")
					.extracting("field")
					.isEqualTo("name");
			}
		}
	}

	@Test
	void theRefusalSaysWhatTheFamilyDoesInPlainWords() {
		assertThat(NameRules.refusal("PythonWarnings", Set.of()))
			.hasValue("PYTHON\u2026 variables change how Python starts in every server; ask provider staff to allow "
					+ "it for this hub if you really need it.");
		assertThat(NameRules.refusal("jupyter_config_path", Set.of())).get()
			.asString()
			.startsWith("JUPYTER\u2026 variables change where Jupyter reads its configuration");
		assertThat(NameRules.refusal("JUPYTERHUB_USER", Set.of())).get()
			.asString()
			.startsWith("JUPYTERHUB_\u2026 variables are set by JupyterHub itself");
		assertThat(NameRules.refusal("all_proxy", Set.of())).get()
			.asString()
			.startsWith("\u2026PROXY variables send the web traffic of every server through another machine");
		assertThat(NameRules.refusal("IFS", Set.of())).get()
			.asString()
			.startsWith("IFS changes how every shell script in a server splits words");
	}

	@Test
	void wellKnownCredentialsInsideAFamilyAndOrdinaryNamesAreAccepted() {
		for (String name : NameRules.CREDENTIALS) {
			for (String spelling : spellings(name)) {
				assertThatCode(() -> SecretRules.name(spelling, Delivery.ENV, Set.of())).as(spelling)
					.doesNotThrowAnyException();
			}
		}
		for (String name : ORDINARY) {
			assertThatCode(() -> SecretRules.name(name, Delivery.ENV, Set.of())).as(name).doesNotThrowAnyException();
		}
	}

	@Test
	void fileNamesAreCheckedAsTheyAlwaysWere() {
		// A file's name changes nothing about how a server runs: the families do not
		// apply to files, the names files always refused still are.
		for (String name : List.of("jupyter_server_config.py", "PYTHONWARNINGS", "LD_DEBUG", "NODE_PATH", "ENV", "IFS",
				".npmrc", "pip.conf", "GIT_SSH_COMMAND", "licence.lic")) {
			assertThatCode(() -> SecretRules.name(name, Delivery.FILE, Set.of())).as(name).doesNotThrowAnyException();
		}
		for (String name : List.of("PATH", "ld_preload", "JUPYTERHUB_API_TOKEN", "HOME")) {
			assertThatThrownBy(() -> SecretRules.name(name, Delivery.FILE, Set.of())).as(name)
				.isInstanceOf(InvalidInputException.class)
				.hasMessageContaining("choose another name");
		}
	}

	@Test
	void aStaffAllowanceAdmitsThatOneNameInAnyCaseAndNoOtherOfItsFamily() {
		Set<String> allowed = Set.of("PYTHONWARNINGS");
		assertThatCode(() -> SecretRules.name("PYTHONWARNINGS", Delivery.ENV, allowed)).doesNotThrowAnyException();
		assertThatCode(() -> SecretRules.name("pythonwarnings", Delivery.ENV, allowed)).doesNotThrowAnyException();
		assertThatThrownBy(() -> SecretRules.name("PYTHONSTARTUP", Delivery.ENV, allowed))
			.isInstanceOf(InvalidInputException.class);
		assertThat(NameRules.refusedByDefault("PYTHONWARNINGS")).isTrue();
		assertThat(NameRules.refusedByDefault("NODE_AUTH_TOKEN")).isFalse();
		assertThat(NameRules.refusedByDefault("OPENAI_API_KEY")).isFalse();
	}

}
