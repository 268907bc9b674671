/**
 * Secrets per hub, delivered to user servers as environment variables or files:
 * write-only, envelope-encrypted at rest, reconciled into two Hubguard-owned Kubernetes
 * Secrets.
 */
package dev.hubguard.secrets;
