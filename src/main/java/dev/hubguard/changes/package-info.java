/**
 * Change requests: proposed desired state, approval rules with four eyes, conflicts with
 * newer versions.
 */
package dev.hubguard.changes;
