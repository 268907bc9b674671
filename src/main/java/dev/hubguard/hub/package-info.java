/**
 * The catalogue of clusters and hubs, imported from the provider's cluster list, with
 * each hub's admin rules.
 */
package dev.hubguard.hub;
