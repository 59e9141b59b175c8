package dev.fireline.coverage;

import dev.fireline.notify.Notification;
import dev.fireline.policy.BusinessCalendar;
import io.temporal.activity.ActivityInterface;
import java.time.Instant;
import java.util.List;

/**
 * The daily coverage check. Method names are the activity types on the shared task queue, so they
 * must not repeat another interface's (the reminders already have {@code calendar}).
 */
@ActivityInterface
public interface CoverageCheckActivities {
  /** How far ahead the check looks. */
  int DAYS_AHEAD = 14;

  /**
   * What one check found and whom to tell.
   *
   * @param gaps every gap found (of every kind), told or not
   * @param notifications one per team lead and channel that acts at once, only for gaps nobody was
   *     told of yet; idempotency keys {@code coverage/...} name the schedule (or policy), the gap's
   *     start, the lead and the channel
   */
  record Result(
      Instant from,
      Instant to,
      int schedules,
      int policies,
      int gaps,
      List<Notification> notifications) {}

  /**
   * Checks every schedule and escalation policy over {@code [from, from + DAYS_AHEAD days)} and
   * stores what it found, replacing each schedule's and policy's earlier findings (a retry stores
   * the same again).
   */
  Result checkCoverage(Instant from);

  /** The business calendar whose day start the check runs at. */
  BusinessCalendar coverageCalendar();
}
