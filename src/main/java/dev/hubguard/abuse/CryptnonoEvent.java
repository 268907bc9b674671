package dev.hubguard.abuse;

import java.time.Instant;

/**
 * One process event from a cryptnono log.
 *
 * @param at when it happened: the line's own time, else the kubelet's timestamp prefix,
 * else the fallback time given to the parser
 * @param action {@code killed}, {@code spared}, {@code missed-kill} or
 * {@code container-lookup-failed}; always {@code killed} for monero lines
 * @param namespace the pod's namespace from the {@code io.kubernetes.pod.namespace}
 * label, or null
 * @param pod the pod's name from the {@code io.kubernetes.pod.name} label, or null
 * @param container the container's name from the {@code io.kubernetes.container.name}
 * label, or null
 * @param cmdline the process's command line, or null
 * @param matched the banned string that matched, or null
 * @param pid the process id, or null when absent or not a usable number
 * @param image the container image, or null
 * @param source {@code execwhacker} or {@code monero}: which cryptnono container logged
 * it
 * @param rawSource the JSON {@code source} field (e.g. {@code execwhacker.bpf}), or null
 */
public record CryptnonoEvent(Instant at, String action, String namespace, String pod, String container, String cmdline,
		String matched, Long pid, String image, String source, String rawSource) {

	/** The cryptnono container that logs JSON lines. */
	public static final String EXECWHACKER = "execwhacker";

	/** The cryptnono container that logs text lines. */
	public static final String MONERO = "monero";

}
