package dev.hubguard.demo;

import dev.hubguard.abuse.AlertIntake;
import dev.hubguard.abuse.AlertmanagerPayloads;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In demo mode: a notification like the example Prometheus rules produce, delivered at
 * start.
 */
@Component
@ConditionalOnProperty(name = "hubguard.demo.active", havingValue = "true")
class DemoAlerts {

	private final AlertIntake intake;

	DemoAlerts(AlertIntake intake) {
		this.intake = intake;
	}

	@EventListener(ApplicationReadyEvent.class)
	void deliver() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
		String payload = """
				{"version":"4","groupKey":"{}:{alertname=~\\"User.*\\"}","truncatedAlerts":0,"status":"firing",
				 "receiver":"hubguard","groupLabels":{},"commonLabels":{"severity":"warning"},"commonAnnotations":{},
				 "externalURL":"http://alertmanager.support:9093","alerts":[
				 %s, %s, %s, %s]}""".formatted(
				alert("UserMemoryNearLimit", "2i2c", "mtu", "jupyter-student2-40mtu-2eexample",
						"Memory of student2@mtu.example's server is at 97% of its 4 GiB limit",
						now.minus(Duration.ofHours(7)), "a1"),
				alert("UserEgressUnusual", "nasa-cryo", "prod", "jupyter-glacier-2dml",
						"glacier-ml sent 48 GiB out in the last hour, 30x the hub's median",
						now.minus(Duration.ofHours(4)), "b2"),
				alert("UserCpuAtLimitSustained", "hhmi", "spyglass", "jupyter-neuro-2dlab",
						"neuro-lab has used its whole CPU limit for 6 hours", now.minus(Duration.ofHours(6)), "c3"),
				alert("UserMemoryFarAbovePeers", "elsewhere", "ghost-hub", "jupyter-someone",
						"A hub that is not in the catalogue", now.minus(Duration.ofHours(1)), "d4"));
		intake.receive(AlertmanagerPayloads.parse(payload.getBytes(StandardCharsets.UTF_8)));
	}

	private static String alert(String name, String cluster, String namespace, String pod, String summary, Instant at,
			String fingerprint) {
		return """
				{"status":"firing","labels":{"alertname":"%s","cluster":"%s","namespace":"%s","pod":"%s","severity":"warning"},
				 "annotations":{"summary":"%s"},"startsAt":"%s","endsAt":"0001-01-01T00:00:00Z",
				 "generatorURL":"http://prometheus.support:9090/graph","fingerprint":"%s"}"""
			.formatted(name, cluster, namespace, pod, summary, at, "de30" + fingerprint + "00c0ffee");
	}

}
