package dev.hubguard.web;

/** The signed-in person, for the page header and {@code GET /api/v1/me}. */
public record MeView(String handle, String displayName, String provider, String role, int hubCount) {
}
