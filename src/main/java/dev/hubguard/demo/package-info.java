/**
 * Demo mode: when asked for, or when no sign-in provider is configured, the portal starts
 * an embedded OIDC provider, in-memory Kubernetes clusters seeded with realistic hubs,
 * and finds or starts a PostgreSQL, all bound to the loopback interface.
 */
package dev.hubguard.demo;
