package dev.fireline.notify;

/** What a channel did with a notification; {@code providerId} is the provider's message id. */
public record DeliveryResult(
    String idempotencyKey, String channel, Status status, String providerId, String detail) {

  public enum Status {
    /** The provider reported that the message reached the person's phone or mailbox. */
    DELIVERED,
    /** The provider accepted the message; no report of its arrival (yet). */
    SENT,
    FAILED,
    /**
     * Written to the application log only, because log-only delivery is on (the embedded demo):
     * nobody was notified. Never counts as delivered.
     */
    LOGGED
  }
}
