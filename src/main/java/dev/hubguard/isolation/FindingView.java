package dev.hubguard.isolation;

import java.util.List;

/** One check's result as pages and the API show it. */
public record FindingView(String id, String title, String severity, String result, List<String> evidence,
		List<String> objects, String remedy, String polaris, String kubescape, String pss, String exemption) {

	static FindingView of(Finding finding) {
		Check check = finding.check();
		return new FindingView(check.id(), check.title(), check.severity().name().toLowerCase(java.util.Locale.ROOT),
				finding.result().label(), finding.evidence(), finding.objects(), check.remedy(), check.polaris(),
				check.kubescape(), check.pss(), finding.exemption());
	}

}
