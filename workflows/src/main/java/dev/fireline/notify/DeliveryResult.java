package dev.fireline.notify;

/** What a channel did with a notification; {@code providerId} is the provider's message id. */
public record DeliveryResult(
    String idempotencyKey, String channel, Status status, String providerId, String detail) {

  public enum Status {
    DELIVERED,
    SENT,
    FAILED
  }
}
