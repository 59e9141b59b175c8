package dev.fireline.communicate;

import io.temporal.activity.ActivityInterface;

/** Tells stakeholders and the status page what happened; each target decides what it shows. */
@ActivityInterface
public interface CommunicationActivities {

  /** Idempotent per {@link Announcement#idempotencyKey()}. */
  void announce(Announcement announcement);
}
