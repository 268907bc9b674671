/**
 * Abuse alerts and reports: intake from Alertmanager and cryptnono, reports, triage,
 * ticket links, usage from Prometheus.
 */
package dev.hubguard.abuse;
