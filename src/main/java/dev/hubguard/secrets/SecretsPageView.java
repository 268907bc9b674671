package dev.hubguard.secrets;

import dev.hubguard.cluster.CacheState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a hub's secrets page and {@code GET …/secrets} show: metadata, whether the hub is
 * wired (with its running pods as evidence), what is in the cluster (key names only), and
 * the one-time hub configuration. {@code undeliverable}: the names of secrets whose
 * stored value does not decrypt, so the cluster keeps its earlier value (or none) until
 * an admin sets it again.
 */
public record SecretsPageView(String hub, boolean needsApproval, List<SecretView> secrets, WiringView wiring,
		List<String> undeliverable, List<AllowedNames.Allowance> allowedNames) {

	/** The secrets the hub's own container env overrides, in name order. */
	public List<String> shadowedNames() {
		return secrets.stream().map(SecretView::name).filter(wiring.shadowed()::containsKey).toList();
	}

	public record WiringView(CacheState cache, String env, String files, List<Wiring.PodEvidence> pods,
			Map<String, List<String>> shadowed, List<Wiring.PodEvidence> restartNeeded, Instant envChangedAt,
			Instant filesChangedAt, Map<String, List<String>> inCluster, String configuration) {
	}

	public static final String CONFIGURATION = """
			hub:
			  config:
			    KubeSpawner:
			      extra_container_config:
			        envFrom:
			          - secretRef:
			              name: hubguard-user-env
			              optional: true
			singleuser:
			  storage:
			    extraVolumes:
			      - name: hubguard-user-files
			        secret:
			          secretName: hubguard-user-files
			          optional: true
			    extraVolumeMounts:
			      - name: hubguard-user-files
			        mountPath: /etc/hubguard/secrets
			        readOnly: true
			""";

}
