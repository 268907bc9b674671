/**
 * Internet-access policy per hub: desired policy, NetworkPolicy rendering, and the
 * effective-access evaluator.
 */
package dev.hubguard.egress;
