package dev.fireline.notify;

/** One way of reaching a person: the delivery log, SMS, voice, email, chat. */
public interface Channel {

  /** The name notification rules use, e.g. {@code sms}. */
  String name();

  /**
   * Delivers, or throws: {@link PermanentDeliveryFailure} when retrying cannot help, any other
   * exception when it may (the activity is then retried by Temporal).
   */
  Delivery deliver(Notification notification);

  /**
   * Delivers a page with what it says besides its subject ({@link PageFacts#NONE} for every other
   * notification, and when nothing is known). A channel that has no room for them ignores them.
   */
  default Delivery deliver(Notification notification, PageFacts facts) {
    return deliver(notification);
  }

  /** What the provider said: its id for the message, and a short detail for the delivery log. */
  record Delivery(DeliveryResult.Status status, String providerId, String detail) {}
}
