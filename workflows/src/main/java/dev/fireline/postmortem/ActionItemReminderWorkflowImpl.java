package dev.fireline.postmortem;

import dev.fireline.incident.BackgroundActivities;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationActivities;
import dev.fireline.policy.BusinessCalendar;
import dev.fireline.policy.DayStarts;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

public class ActionItemReminderWorkflowImpl implements ActionItemReminderWorkflow {
  /** Workflow time per run before continuing as new: keeps the history small for years. */
  static final Duration RUN_LENGTH = Duration.ofDays(30);

  private static final Logger log = Workflow.getLogger(ActionItemReminderWorkflowImpl.class);

  private final ActionItemReminderActivities reminders =
      Workflow.newActivityStub(
          ActionItemReminderActivities.class,
          BackgroundActivities.OPTIONS.toBuilder().setSummary("action item reminders").build());

  @Override
  public void run(Input input) {
    Instant runStart = now();
    LocalDate lastDay = input != null ? input.lastDay() : null;
    while (true) {
      BusinessCalendar calendar = reminders.calendar();
      LocalDate day = nextDay(calendar, now(), lastDay);
      if (day == null) { // a calendar without business days: look again tomorrow
        sleep(Duration.ofDays(1), "no business day ahead");
      } else {
        Instant at = calendar.startOf(day);
        Workflow.setCurrentDetails("Next action item reminders on " + day + " at " + at);
        Duration wait = Duration.between(now(), at);
        if (!wait.isNegative() && !wait.isZero()) {
          sleep(wait, "action item reminders of " + day);
        }
        // The calendar may have changed while waiting (a holiday added): ask again.
        if (reminders.calendar().businessDay(day)) {
          send(reminders.remindersFor(day));
          lastDay = day;
        }
      }
      if (!Duration.between(runStart, now()).minus(RUN_LENGTH).isNegative()) {
        Workflow.continueAsNew(new Input(lastDay));
      }
    }
  }

  /**
   * The first business day after {@code lastDay} whose start is not yet past: today before the
   * working day starts, otherwise a later day. Null when there is none within a year.
   */
  static LocalDate nextDay(BusinessCalendar calendar, Instant now, LocalDate lastDay) {
    return DayStarts.next(calendar, now, lastDay, true);
  }

  private void send(List<Notification> notifications) {
    List<Promise<?>> sends = new ArrayList<>();
    for (Notification notification : notifications) {
      NotificationActivities notifier =
          Workflow.newActivityStub(
              NotificationActivities.class,
              BackgroundActivities.OPTIONS.toBuilder()
                  .setSummary(
                      "Action item reminder to "
                          + notification.recipientName()
                          + " ("
                          + notification.channel()
                          + ")")
                  .build());
      sends.add(Async.function(notifier::send, notification));
    }
    // A failed reminder must not stop the others nor tomorrow's; the delivery log shows it.
    for (Promise<?> send : sends) {
      try {
        send.get();
      } catch (ActivityFailure failed) {
        log.warn("action item reminder failed", failed);
      }
    }
  }

  /** Workflow.sleep with a timer summary (1.38 has no sleep overload taking TimerOptions). */
  private static void sleep(Duration duration, String summary) {
    Workflow.newTimer(duration, TimerOptions.newBuilder().setSummary(summary).build()).get();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
