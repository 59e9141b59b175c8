package dev.fireline.coverage;

import dev.fireline.incident.BackgroundActivities;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationActivities;
import dev.fireline.policy.BusinessCalendar;
import dev.fireline.policy.DayStarts;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
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

public class CoverageCheckWorkflowImpl implements CoverageCheckWorkflow {
  /** Workflow time per run before continuing as new: keeps the history small for years. */
  static final Duration RUN_LENGTH = Duration.ofDays(30);

  /** After a failed calendar read (the database away for an hour): try again this much later. */
  static final Duration RETRY_PLANNING_AFTER = Duration.ofHours(1);

  /**
   * The check reads the whole directory and works out two weeks of every schedule: more time per
   * attempt than the 30 s of other background work; retried like it, for an hour.
   */
  static final ActivityOptions CHECK =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(2))
                  .build())
          .build();

  private static final Logger log = Workflow.getLogger(CoverageCheckWorkflowImpl.class);

  private final CoverageCheckActivities calendarReader =
      Workflow.newActivityStub(
          CoverageCheckActivities.class,
          BackgroundActivities.OPTIONS.toBuilder().setSummary("coverage check calendar").build());

  @Override
  public void run(Input input) {
    Instant runStart = now();
    LocalDate lastDay = input != null ? input.lastDay() : null;
    String last = "no check yet";
    while (true) {
      BusinessCalendar calendar = calendar();
      if (calendar == null) {
        sleep(RETRY_PLANNING_AFTER, "calendar unavailable: plan again");
      } else {
        // Every day, not only business days: a weekend change that opens a gap is found the next
        // morning. Never null: every day counts.
        LocalDate day = DayStarts.next(calendar, now(), lastDay, false);
        Instant at = calendar.startOf(day);
        Workflow.setCurrentDetails(
            "Next coverage check on " + day + " at " + at + ". Last: " + last);
        Duration wait = Duration.between(now(), at);
        if (!wait.isNegative() && !wait.isZero()) {
          sleep(wait, "coverage check of " + day);
        }
        last = check(day, at);
        lastDay = day;
      }
      if (!Duration.between(runStart, now()).minus(RUN_LENGTH).isNegative()) {
        Workflow.continueAsNew(new Input(lastDay));
      }
    }
  }

  private BusinessCalendar calendar() {
    try {
      return calendarReader.coverageCalendar();
    } catch (ActivityFailure failed) {
      log.warn("coverage check: calendar unavailable", failed);
      return null;
    }
  }

  /** Checks from the day's start (so a retry looks at the same window) and tells the leads. */
  private String check(LocalDate day, Instant from) {
    CoverageCheckActivities checker =
        Workflow.newActivityStub(
            CoverageCheckActivities.class,
            CHECK.toBuilder().setSummary("coverage check of " + day).build());
    CoverageCheckActivities.Result result;
    try {
      result = checker.checkCoverage(from);
    } catch (ActivityFailure failed) {
      // One day's failed check must not stop tomorrow's; the gaps stay in the API meanwhile.
      log.warn("coverage check of " + day + " failed", failed);
      return day + ": check failed";
    }
    int told = tell(result.notifications());
    return day
        + ": "
        + result.gaps()
        + " gap(s) in "
        + result.schedules()
        + " schedule(s) and "
        + result.policies()
        + " policy(ies), "
        + told
        + " notification(s) to team leads";
  }

  private int tell(List<Notification> notifications) {
    List<Promise<?>> sends = new ArrayList<>();
    for (Notification notification : notifications) {
      NotificationActivities notifier =
          Workflow.newActivityStub(
              NotificationActivities.class,
              BackgroundActivities.OPTIONS.toBuilder()
                  .setSummary(
                      "Coverage gap to "
                          + notification.recipientName()
                          + " ("
                          + notification.channel()
                          + ")")
                  .build());
      sends.add(Async.function(notifier::send, notification));
    }
    // A failed notification must not stop the others nor tomorrow's check. One that got no outcome
    // (given up while the provider was away) is offered again by tomorrow's check; one with an
    // outcome in the delivery log never is.
    int sent = 0;
    for (Promise<?> send : sends) {
      try {
        send.get();
        sent++;
      } catch (ActivityFailure failed) {
        log.warn("coverage gap notification failed", failed);
      }
    }
    return sent;
  }

  /** Workflow.sleep with a timer summary (1.38 has no sleep overload taking TimerOptions). */
  private static void sleep(Duration duration, String summary) {
    Workflow.newTimer(duration, TimerOptions.newBuilder().setSummary(summary).build()).get();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
