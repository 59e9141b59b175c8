package dev.fireline.notify;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface NotificationActivities {

  /** Sends once per idempotency key: a repeated call answers the first call's result. */
  DeliveryResult send(Notification notification);
}
