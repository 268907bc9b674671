package dev.hubguard.abuse;

import java.util.List;

/**
 * One page of an abuse list; {@code next} is the cursor of the following (older) page, or
 * null on the last.
 */
public record ReportPage(List<AbuseReportView> reports, String next) {
}
