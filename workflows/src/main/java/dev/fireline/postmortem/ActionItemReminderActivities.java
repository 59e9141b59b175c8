package dev.fireline.postmortem;

import dev.fireline.notify.Notification;
import dev.fireline.policy.BusinessCalendar;
import io.temporal.activity.ActivityInterface;
import java.time.LocalDate;
import java.util.List;

@ActivityInterface
public interface ActionItemReminderActivities {

  /**
   * The reminders of business day {@code day}: one notification per owner and channel that acts at
   * once, listing that owner's open and in-progress items that are overdue or due by the next
   * business day; idempotency key {@code action-items/<day>/<owner>/<channel>}, incident number 0.
   * Empty when nothing is due.
   */
  List<Notification> remindersFor(LocalDate day);

  /** The business calendar the reminders follow. */
  BusinessCalendar calendar();
}
