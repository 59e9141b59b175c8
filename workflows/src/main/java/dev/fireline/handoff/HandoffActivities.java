package dev.fireline.handoff;

import dev.fireline.notify.Notification;
import io.temporal.activity.ActivityInterface;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ActivityInterface
public interface HandoffActivities {

  /**
   * The schedule's next handoff after {@code after}; empty when the schedule no longer exists, a
   * handoff whose {@code at} is null when no handoff is ahead (nobody is scheduled).
   */
  Optional<Handoff> nextHandoff(String scheduleId, Instant after);

  /**
   * The summaries for the outgoing and the incoming on-call: open incidents, and the incidents and
   * pages of the shift that ends. One notification per person and channel, with idempotency keys.
   */
  List<Notification> summaries(Handoff handoff);
}
