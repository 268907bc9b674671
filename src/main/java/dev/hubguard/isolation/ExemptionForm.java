package dev.hubguard.isolation;

/** Staff's request to exempt a check of a hub; {@code object} and the date are text. */
public record ExemptionForm(String hub, String check, String object, String reason, String expiresOn) {

}
