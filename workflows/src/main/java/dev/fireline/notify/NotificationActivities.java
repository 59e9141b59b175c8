package dev.fireline.notify;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface NotificationActivities {

  /** Sends once per idempotency key: a repeated call answers the first call's result. */
  DeliveryResult send(Notification notification);

  /**
   * Marks a notification still pending in the delivery log as failed for good: its send was given
   * up. An outcome already recorded (the last attempt went through after all) is kept.
   */
  void giveUp(GivenUp givenUp);
}
