/**
 * Notifications: events of the other features, recorded in the same transaction as the
 * change that caused them (a transactional outbox), fanned out to the people and
 * addresses they concern, and delivered by email, chat webhook and the portal's own
 * inbox, with preferences, digests and one-click unsubscribe.
 */
package dev.hubguard.notify;
