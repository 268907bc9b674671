package dev.hubguard.egress;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * {@code GET …/internet-access/effective}: the effective-access report with, beside its
 * standard destinations, one row per entry of the hub's allow-list (none outside
 * allow-list mode, or while the cluster is still being read).
 */
public record EffectiveAccessAnswer(@JsonUnwrapped EffectiveAccessReport report,
		List<DestinationTester.Explained> entries) {
}
