package dev.fireline.incident;

import dev.fireline.notify.DeliveryResult;
import dev.fireline.notify.GivenUp;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationActivities;
import dev.fireline.notify.NotificationKind;
import dev.fireline.policy.Durations;
import dev.fireline.policy.PolicyActivities;
import dev.fireline.policy.Recipient;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Looks people up and sends them pages and notifications (workflow code: deterministic): a lookup
 * or a page waits for the database while it is away, a failed page falls back to e-mail, a send
 * that ran out of retries is given up in the delivery log, and a person no channel reached is said
 * so. Sends run asynchronously so a slow provider never holds up the escalation clock; how each
 * page of the level paged last ended is told to the {@link LevelWatch}.
 */
final class Deliveries {
  /**
   * A page is retried for 2 minutes, then the person's e-mail is tried: a page must reach someone
   * within minutes, and the escalation clock runs on regardless.
   */
  private static final ActivityOptions SEND_PAGE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .build())
          .build();

  /** How often a page (or its lookup) waiting for the database is tried again. */
  static final Duration DATABASE_RETRY = Duration.ofSeconds(30);

  /** Reminders and summaries are retried for 15 minutes. */
  private static final ActivityOptions SEND =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(15))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .build())
          .build();

  /**
   * Who to page. A database outage is not retried here but by the workflow, on a timer, for as long
   * as it lasts (see recipients): a local activity's retries hold the workflow task.
   */
  private static final LocalActivityOptions LOOKUP =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setScheduleToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(10))
                  .setDoNotRetry(DatabaseUnavailable.TYPE)
                  .build())
          .build();

  private final Incident incident;
  private final Runnable changed;

  /** Page fallback exists in this run (not in runs recorded before it). */
  private final boolean communicates;

  private final LevelWatch levelWatch;
  private int inFlight;

  /** Pages whose wait for the database is on the timeline already (said once per page). */
  private final Set<String> waitingForDatabase = new HashSet<>();

  /**
   * @param changed wakes the workflow's main loop when a send finished
   */
  Deliveries(Incident incident, Runnable changed, boolean communicates, LevelWatch levelWatch) {
    this.incident = incident;
    this.changed = changed;
    this.communicates = communicates;
    this.levelWatch = levelWatch;
  }

  /** A send (or its wait for the database) is under way. */
  boolean busy() {
    return inFlight > 0;
  }

  /**
   * Who {@code targets} are now; empty (and said on the timeline) when they cannot be looked up.
   */
  List<Recipient> recipients(List<String> targets, String purpose) {
    PolicyActivities directory =
        Workflow.newLocalActivityStub(
            PolicyActivities.class,
            LOOKUP.toBuilder().setSummary("who to page: " + purpose).build());
    boolean told = false;
    while (true) {
      try {
        return directory.recipients(targets, now());
      } catch (ActivityFailure failure) {
        if (!waitsForDatabase(failure)) {
          incident.record(
              now(),
              "directory_unavailable",
              null,
              "Could not look up "
                  + targets
                  + " for "
                  + purpose
                  + ": "
                  + Failures.rootMessage(failure));
          return List.of();
        }
        if (!told) {
          incident.record(
              now(),
              "directory_unavailable",
              null,
              "Could not look up "
                  + targets
                  + " for "
                  + purpose
                  + ": the database is unavailable; asking again every "
                  + Durations.human(DATABASE_RETRY)
                  + " until it answers");
          told = true;
        }
        Workflow.sleep(DATABASE_RETRY);
      }
    }
  }

  /**
   * A page that failed because the database was away waits for it (acknowledging ends the wait):
   * every channel needs the database, so giving up or falling back would only lose the page.
   */
  private boolean waitsForDatabase(Throwable failure) {
    return incident.stage() == Stage.TRIGGERED
        && DatabaseUnavailable.causedBy(failure)
        && Workflow.getVersion("page-waits-for-database", Workflow.DEFAULT_VERSION, 1) == 1;
  }

  /** Notifies a person through the channels their rules use at once (not the delayed ones). */
  void notifyPerson(
      String personId, NotificationKind kind, String step, String subject, String body) {
    if (personId == null) {
      incident.record(
          now(),
          "notification_skipped",
          null,
          "Nobody to send the " + kind.name().toLowerCase().replace('_', ' ') + " to");
      return;
    }
    List<Recipient> found = recipients(List.of(personId), kind.name().toLowerCase());
    if (found.isEmpty()) {
      incident.record(
          now(),
          "notification_skipped",
          personId,
          personId + " is not in the directory; " + kind.name().toLowerCase() + " not sent");
    }
    for (Recipient recipient : found) {
      for (Recipient.Rule rule : recipient.rules()) {
        if (rule.immediate()) {
          send(
              Pages.notice(incident, step, kind, recipient, rule.channel(), subject, body),
              kind.name().toLowerCase().replace('_', ' '));
        }
      }
    }
  }

  void send(Notification notification, String reason) {
    send(notification, reason, null);
  }

  /** {@code failedBefore}: the channel whose failure this notification falls back from. */
  private void send(Notification notification, String why, String failedBefore) {
    String reason = SendFailures.reason(why, failedBefore);
    String what = Pages.describe(notification);
    boolean page = notification.kind() == NotificationKind.PAGE;
    NotificationActivities notifier =
        Workflow.newActivityStub(
            NotificationActivities.class,
            (page && communicates ? SEND_PAGE : SEND).toBuilder().setSummary(what).build());
    inFlight++;
    Async.function(notifier::send, notification)
        .handle(
            (result, failure) -> {
              inFlight--;
              Instant now = now();
              String error =
                  failure != null
                      ? Failures.rootMessage(failure)
                      : result.status() == DeliveryResult.Status.FAILED ? result.detail() : null;
              if (page && failure != null && waitsForDatabase(failure)) {
                waitForDatabase(notification, what, reason, why, failedBefore, now);
              } else if (error != null) {
                failed(notification, what, reason, why, failedBefore, failure, error, now);
              } else {
                levelWatch.accepted(notification.idempotencyKey());
                // LOGGED only comes from log-only delivery (the embedded demo), which no earlier
                // run had
                String logged =
                    result.status() == DeliveryResult.Status.LOGGED
                        ? "; logged only (log-only delivery): nobody was notified"
                        : "";
                incident.record(
                    now,
                    page ? "paged" : "notified",
                    notification.recipientId(),
                    what + " (" + reason + ")" + logged);
              }
              changed.run();
              return null;
            });
  }

  /**
   * The page is sent again once {@link #DATABASE_RETRY} has passed, unless acknowledged by then.
   */
  private void waitForDatabase(
      Notification notification,
      String what,
      String reason,
      String why,
      String failedBefore,
      Instant now) {
    if (waitingForDatabase.add(notification.idempotencyKey())) {
      incident.record(
          now,
          "page_delayed",
          notification.recipientId(),
          what
              + " ("
              + reason
              + ") waits for the database, which is unavailable; tried again every "
              + Durations.human(DATABASE_RETRY)
              + " until it answers");
    }
    inFlight++;
    Workflow.newTimer(DATABASE_RETRY)
        .thenApply(
            fired -> {
              inFlight--;
              if (incident.stage() == Stage.TRIGGERED) {
                send(notification, why, failedBefore);
              }
              changed.run();
              return null;
            });
  }

  /** The send failed (the provider said so, or the activity ran out of retries). */
  private void failed(
      Notification notification,
      String what,
      String reason,
      String why,
      String failedBefore,
      Throwable failure,
      String error,
      Instant now) {
    boolean page = notification.kind() == NotificationKind.PAGE;
    // Runs from before this change neither closed the log row nor said who was unreachable.
    boolean reported =
        Workflow.getVersion("page-failures-reported", Workflow.DEFAULT_VERSION, 1) == 1;
    if (reported) {
      error = error.strip(); // SMTP replies end with a line break
    }
    incident.record(
        now,
        "notification_failed",
        notification.recipientId(),
        what + " failed (" + reason + "): " + error);
    boolean fallsBack =
        page
            && communicates
            && !Pages.FALLBACK_CHANNEL.equals(notification.channel())
            && incident.stage() == Stage.TRIGGERED;
    if (reported) {
      if (failure != null) {
        giveUp(notification, error, fallsBack);
      }
      if (page && !fallsBack && incident.stage() == Stage.TRIGGERED) {
        incident.record(
            now(),
            "page_undeliverable",
            notification.recipientId(),
            SendFailures.unreachable(
                notification,
                why,
                failedBefore,
                incident.escalation(),
                levelWatch.tracks(notification.idempotencyKey())));
      }
    }
    if (fallsBack) {
      Notification fallback = Pages.fallback(notification);
      levelWatch.fellBack(notification.idempotencyKey(), fallback.idempotencyKey());
      send(fallback, why, notification.channel());
    } else if (page) {
      levelWatch.failed(notification.idempotencyKey(), incident.stage() == Stage.TRIGGERED);
    }
  }

  /** The activity ran out of retries: its delivery-log row would stay pending otherwise. */
  private void giveUp(Notification notification, String error, boolean fallsBack) {
    NotificationActivities log =
        Workflow.newActivityStub(
            NotificationActivities.class,
            ReadModel.SAVE.toBuilder()
                .setSummary("delivery log: " + Pages.describe(notification) + " given up")
                .build());
    inFlight++;
    Async.procedure(
            log::giveUp,
            new GivenUp(notification.idempotencyKey(), SendFailures.givenUp(error, fallsBack)))
        .handle(
            (ignored, failure) -> {
              inFlight--;
              changed.run();
              return null;
            });
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
