package dev.hubguard.abuse;

/**
 * Someone reported a security concern (for staff only); published inside the filing
 * transaction.
 *
 * @param hub the hub it names, or null
 */
public record SecurityConcernFiled(long id, String hub, String by, String summary) {
}
