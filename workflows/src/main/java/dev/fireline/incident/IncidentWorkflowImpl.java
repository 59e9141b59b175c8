package dev.fireline.incident;

import dev.fireline.incident.Commands.Acknowledge;
import dev.fireline.incident.Commands.AlertEvent;
import dev.fireline.incident.Commands.AssignRole;
import dev.fireline.incident.Commands.ChangeSeverity;
import dev.fireline.incident.Commands.EditPostmortem;
import dev.fireline.incident.Commands.PostStatusUpdate;
import dev.fireline.incident.Commands.PublishPostmortem;
import dev.fireline.incident.Commands.Resolve;
import dev.fireline.incident.IncidentSnapshot.Escalation;
import dev.fireline.incident.IncidentSnapshot.PendingPage;
import dev.fireline.incident.IncidentSnapshot.PostmortemStatus;
import dev.fireline.communicate.Announcement;
import dev.fireline.communicate.CommunicationActivities;
import dev.fireline.notify.DeliveryResult;
import dev.fireline.notify.GivenUp;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationActivities;
import dev.fireline.notify.NotificationKind;
import dev.fireline.policy.BusinessCalendar;
import dev.fireline.policy.Durations;
import dev.fireline.policy.EscalationPolicy;
import dev.fireline.policy.PolicyActivities;
import dev.fireline.policy.Recipient;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The life of one incident. A single loop handles every deadline that is due, saves the read model,
 * then sleeps on one timer until the next deadline or until a handler changes something. Sends and
 * saves run asynchronously so a slow provider or database never holds up the escalation clock.
 */
public class IncidentWorkflowImpl implements IncidentWorkflow {
  private static final Logger log = Workflow.getLogger(IncidentWorkflowImpl.class);

  /** The read model must catch up eventually, however long the database is away. */
  private static final ActivityOptions SAVE = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(10))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofSeconds(30))
          .build())
      .setSummary("save read model")
      .build();

  /**
   * A page is retried for 2 minutes, then the person's e-mail is tried: a page must reach someone
   * within minutes, and the escalation clock runs on regardless.
   */
  private static final ActivityOptions SEND_PAGE = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setScheduleToCloseTimeout(Duration.ofMinutes(2))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(2))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofSeconds(30))
          .build())
      .build();

  /** How often a page (or its lookup) waiting for the database is tried again. */
  static final Duration DATABASE_RETRY = Duration.ofSeconds(30);

  /** Channel a failed page falls back to. */
  static final String FALLBACK_CHANNEL = "email";

  /** Reminders and summaries are retried for 15 minutes. */
  private static final ActivityOptions SEND = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setScheduleToCloseTimeout(Duration.ofMinutes(15))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(2))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofMinutes(1))
          .build())
      .build();

  /**
   * Who to page. A database outage is not retried here but by the workflow, on a timer, for as long
   * as it lasts (see recipients): a local activity's retries hold the workflow task.
   */
  private static final LocalActivityOptions LOOKUP = LocalActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(10))
      .setScheduleToCloseTimeout(Duration.ofMinutes(2))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setMaximumInterval(Duration.ofSeconds(10))
          .setDoNotRetry(DatabaseUnavailable.TYPE)
          .build())
      .build();

  private static final ActivityOptions ANNOUNCE = BackgroundActivities.OPTIONS;

  /**
   * Without policies nothing can be paged, so loading them is retried for as long as it takes. The
   * attempt limit must be explicit: a local activity with neither a schedule-to-close timeout nor
   * maximum attempts is not retried at all (sdk-java#1727), and its failure would fail the incident.
   */
  private static final LocalActivityOptions LOAD_POLICIES = LocalActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(10))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setMaximumInterval(Duration.ofSeconds(30))
          .setMaximumAttempts(Integer.MAX_VALUE)
          .build())
      .setSummary("load severity and escalation policies")
      .build();

  /** A timer due within this margin is left to fire rather than cancelled (see cancelTimer). */
  private static final Duration DUE_TIMER_MARGIN = Duration.ofSeconds(10);

  private final Incident incident;
  private final WorkflowSettings settings;
  private final WarRoomFollower warRoom;
  private final IncidentStoreActivities store =
      Workflow.newActivityStub(IncidentStoreActivities.class, SAVE);

  /** Bumped by every handler and every finished activity: it wakes the main loop. */
  private int changes;
  private int sendsInFlight;
  /** Pages whose wait for the database is on the timeline already (said once per page). */
  private final Set<String> waitingForDatabase = new HashSet<>();
  private boolean saveInFlight;
  private long savedVersion = -1;
  private Timer timer;
  private Stage publishedStage;
  private Severity publishedSeverity;
  /** The severity whose escalation variant is in the incident's policies. */
  private Severity escalationPlannedFor;
  /** Announcements and page fallback exist in this run (not in runs recorded before them). */
  private boolean communicates;
  /** Timeline events before this index were announced (or are from before announcements). */
  private int announcedThrough;
  /** A level that reaches nobody escalates at once and alarms others (not in earlier runs). */
  private boolean emergencies;
  /** Whether the level paged last reached anyone; null when nothing is being followed. */
  private LevelReach lastLevel;
  /** A level that reached nobody, for the main loop to act on (callbacks must not block). */
  private Unreached reachedNobody;

  private record Unreached(String level, int index, String why) {}

  private record Timer(Instant at, CancellationScope scope, Promise<Void> fired) {}

  @WorkflowInit
  public IncidentWorkflowImpl(IncidentInput input) {
    this.settings = input.settings() != null ? input.settings() : WorkflowSettings.defaults(false);
    this.incident = input.carried() == null
        ? Incident.declare(input.declaration(), now())
        : Incident.restore(input.declaration(), input.carried());
    this.warRoom = new WarRoomFollower(incident, () -> changes++);
  }

  @Override
  public IncidentSnapshot run(IncidentInput input) {
    communicates = Workflow.getVersion("announcements-and-page-fallback", Workflow.DEFAULT_VERSION,
        1) == 1;
    emergencies = Workflow.getVersion("reached-nobody-is-an-emergency", Workflow.DEFAULT_VERSION,
        1) == 1;
    // A continued run starts with everything before it announced.
    announcedThrough = input.carried() == null ? 0 : incident.timeline().size();
    if (incident.policies() == null) {
      PolicyActivities directory =
          Workflow.newLocalActivityStub(PolicyActivities.class, LOAD_POLICIES);
      incident.startEscalation(directory.policiesFor(incident.declaration().service(),
          incident.severity()));
    }
    escalationPlannedFor = incident.severity();
    while (true) {
      followSeverityWithEscalation();
      alarmIfNobodyReached();
      for (Optional<Deadline> due = firstDue(); due.isPresent(); due = firstDue()) {
        handle(due.get());
      }
      announceNewEvents();
      warRoom.follow();
      saveIfChanged();
      publishSearchAttributes();
      Workflow.setCurrentDetails(currentDetails());
      if (incident.stage() == Stage.CLOSED && settled()) {
        return incident.snapshot();
      }
      if (historyIsLong() && settled() && Workflow.isEveryHandlerFinished()) {
        log.info("{} continues as new at {} history events", incident.key(),
            Workflow.getInfo().getHistoryLength());
        Workflow.continueAsNew(
            new IncidentInput(incident.declaration(), incident.snapshot(), settings));
      }
      sleepUntilNextDeadlineOrChange();
    }
  }

  // ---- deadlines

  /** A severity change brings that severity's escalation variant (SEV1 may page more people). */
  private void followSeverityWithEscalation() {
    if (incident.severity() == escalationPlannedFor || !incident.stage().isOpen()) {
      return;
    }
    escalationPlannedFor = incident.severity();
    // Incidents started before this existed keep the escalation they were planned with.
    if (Workflow.getVersion("escalation-follows-severity", Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return;
    }
    PolicyActivities directory = Workflow.newLocalActivityStub(PolicyActivities.class,
        LOAD_POLICIES.toBuilder()
            .setSummary("load escalation policy for " + incident.severity()).build());
    incident.replacePolicies(
        directory.policiesFor(incident.declaration().service(), incident.severity()), now());
  }

  private Optional<Deadline> firstDue() {
    return Deadlines.due(incident, now()).stream().findFirst();
  }

  private void handle(Deadline deadline) {
    switch (deadline.kind()) {
      case ESCALATE -> escalate();
      case PAGE -> {
        PendingPage page = deadline.page();
        incident.removePendingPage(page);
        send(page.notification(), page.reason());
      }
      case ACK_TARGET -> incident.ackTargetMissed(now());
      case STATUS_UPDATE_DUE -> remindStatusUpdate();
      case RESOLUTION_TARGET -> resolutionTargetMissed();
      case POSTMORTEM_REMINDER -> remindPostmortem();
    }
  }

  private void escalate() {
    Escalation current = incident.escalation();
    EscalationPolicy policy = incident.policies().escalation();
    Instant now = now();
    if (policy.levels().isEmpty()) {
      incident.escalated(new Escalation(current.policy(), 0, 0, null, true));
      incident.record(now, "escalation_exhausted", null,
          "Escalation policy " + policy.name() + " has no levels: nobody was paged");
      return;
    }
    EscalationPolicy.Level level = policy.levels().get(current.level());
    String reason = "level " + (current.level() + 1) + ", pass " + (current.pass() + 1)
        + " of policy " + policy.name();
    List<Recipient> recipients = recipients(level.targets(), reason);
    if (incident.stage() != Stage.TRIGGERED) {
      return; // acknowledged while the directory was asked
    }
    incident.escalated(next(current, policy, now.plus(level.escalateAfter())));
    if (recipients.isEmpty()) {
      incident.record(now, "nobody_paged", null, "Nobody to page at " + reason);
      if (emergencies) {
        reachedNobody = new Unreached(reason, current.level(),
            "nobody is on call for it or known to the directory");
      }
    }
    List<String> immediate = new ArrayList<>();
    for (Recipient recipient : recipients) {
      String why = recipient.reason() == null ? reason : reason + ", " + recipient.reason();
      for (Recipient.Rule rule : recipient.rules()) {
        Notification page = page(recipient, rule, current, why);
        if (rule.immediate()) {
          immediate.add(page.idempotencyKey());
          send(page, why);
        } else {
          incident.addPendingPage(new PendingPage(now.plus(rule.after()), page,
              why + ", " + rule.channel() + " after " + Durations.human(rule.after())));
        }
      }
    }
    if (emergencies && !immediate.isEmpty()) {
      lastLevel = new LevelReach(reason, current.level(), immediate);
    }
    if (incident.escalation().exhausted()) {
      incident.record(now, "escalation_exhausted", null, "Last level of policy " + policy.name()
          + " paged on pass " + (current.pass() + 1) + "; no further escalation");
    }
  }

  /**
   * A level reached nobody (nobody on call, unknown people, every page failed): an emergency, not
   * a note. The next level is paged now instead of after its delay, and the people of the policy's
   * last level and the admins are paged by every channel their rules name.
   */
  private void alarmIfNobodyReached() {
    if (reachedNobody == null) {
      return;
    }
    String level = reachedNobody.level();
    boolean lastFailed =
        reachedNobody.index() >= incident.policies().escalation().levels().size() - 1;
    String why = reachedNobody.why();
    reachedNobody = null;
    lastLevel = null;
    if (incident.stage() != Stage.TRIGGERED) {
      return;
    }
    Instant now = now();
    List<EscalationPolicy.Level> levels = incident.policies().escalation().levels();
    boolean next = incident.escalateAtOnce(now);
    // Paging never silently stops: an exhausted policy that reached nobody tries its last level
    // again after that level's delay (providers may be back by then)
    Duration again = levels.isEmpty() ? null : levels.get(levels.size() - 1).escalateAfter();
    boolean retried = !next && again != null
        && incident.pageLastLevelAgain(levels.size() - 1, now.plus(again));
    incident.record(now, "page_reached_nobody", null, "EMERGENCY: " + level + " reached nobody: "
        + why + ". " + (next ? "The next level is paged now; "
            : retried ? "There is no further level: the last level is paged again in "
                + Durations.human(again) + " (pass " + (incident.escalation().pass() + 1)
                + "), until someone is reached; "
            : "There is no further level; ")
        + (lastFailed ? "the admins are" : "the policy's last level and the admins are")
        + " paged by every channel");
    List<String> targets = new ArrayList<>();
    if (!levels.isEmpty() && !lastFailed) { // the last level is the one that failed
      targets.addAll(levels.get(levels.size() - 1).targets());
    }
    targets.add(PolicyActivities.ADMINS);
    IncidentDeclaration d = incident.declaration();
    String subject = "[" + incident.severity() + "] " + incident.key() + " " + d.service()
        + ": paging reached nobody";
    for (Recipient recipient : recipients(targets, "alarm: " + level + " reached nobody")) {
      for (String channel : recipient.rules().stream().map(Recipient.Rule::channel).distinct()
          .toList()) {
        send(new Notification(incident.key() + "/reached-nobody/" + now.toEpochMilli() + "/"
                + recipient.id()
                + "/" + channel, d.number(), NotificationKind.PAGE, recipient.id(),
                recipient.name(), channel, subject, subject + ": " + d.title() + "\n" + level
                + " reached nobody. You are paged as "
                + (recipient.reason() == null ? "the last level or an admin" : recipient.reason())
                + ". Acknowledge to take it."),
            "alarm: " + level + " reached nobody");
      }
    }
  }

  private static Escalation next(Escalation current, EscalationPolicy policy, Instant at) {
    if (current.level() + 1 < policy.levels().size()) {
      return new Escalation(current.policy(), current.pass(), current.level() + 1, at, false);
    }
    if (current.pass() < policy.repeats()) {
      return new Escalation(current.policy(), current.pass() + 1, 0, at, false);
    }
    return new Escalation(current.policy(), current.pass(), current.level(), null, true);
  }

  private Notification page(Recipient to, Recipient.Rule rule, Escalation at, String reason) {
    IncidentDeclaration d = incident.declaration();
    long afterMinutes = rule.after() == null ? 0 : rule.after().toMinutes();
    String key = incident.key() + "/page/p" + (at.pass() + 1) + "/l" + (at.level() + 1) + "/"
        + to.id() + "/" + rule.channel() + "+" + afterMinutes + "m";
    String subject = "[" + incident.severity() + "] " + incident.key() + " " + d.service() + ": "
        + d.title();
    String body = subject + "\nYou are paged (" + reason + "). Acknowledge to stop the escalation.";
    return new Notification(key, d.number(), NotificationKind.PAGE, to.id(), to.name(),
        rule.channel(), subject, body);
  }

  private void remindStatusUpdate() {
    String owner = incident.communicationOwner();
    Instant now = now();
    incident.cadenceReminded(now, owner);
    if (owner != null) {
      String every = Durations.human(incident.severityPolicy().statusUpdateEvery());
      notifyPerson(owner, NotificationKind.STATUS_UPDATE_REMINDER,
          "status-reminder/" + now.toEpochMilli(),
          incident.key() + ": a status update is due",
          "No status update was posted on " + incident.key() + " for " + every
              + ". Post one so stakeholders know where things stand.");
    }
  }

  private void resolutionTargetMissed() {
    incident.resolutionTargetMissed(now());
    EscalationPolicy policy = incident.policies().escalation();
    if (policy.levels().isEmpty()) {
      return;
    }
    List<String> lastLevel = policy.levels().get(policy.levels().size() - 1).targets();
    String subject = incident.key() + " is past its " + incident.severity() + " resolution target";
    for (String target : lastLevel) {
      notifyPerson(target, NotificationKind.RESOLUTION_TARGET_MISSED, "resolution-target", subject,
          subject + " (" + Durations.human(incident.severityPolicy().resolveWithin())
              + ") and still " + incident.stage().name().toLowerCase() + ".");
    }
  }

  private void remindPostmortem() {
    Instant now = now();
    IncidentSnapshot.Postmortem postmortem = incident.postmortem();
    incident.postmortemReminded(now);
    BusinessCalendar calendar = incident.calendar();
    LocalDate today = calendar.dateOf(now);
    int daysLeft = calendar.businessDaysBetween(today, postmortem.dueDate());
    String when = daysLeft > 0 ? "is due in " + daysLeft + " business day" + (daysLeft > 1 ? "s" : "")
        : daysLeft == 0 ? "is due today"
        : "is overdue by " + -daysLeft + " business day" + (daysLeft < -1 ? "s" : "");
    String subject = "Postmortem for " + incident.key() + " " + when;
    incident.record(now, "postmortem_reminder", null, subject + " (reminded " + postmortem.owner() + ")");
    notifyPerson(postmortem.owner(), NotificationKind.POSTMORTEM_REMINDER,
        "postmortem-reminder/" + today, subject,
        subject + " (due " + postmortem.dueDate() + "). Publish it to stop these reminders.");
    int leadAfter = incident.policies().postmortemLeadAfterOverdueDays();
    if (leadAfter > 0 && -daysLeft >= leadAfter
        && Workflow.getVersion("postmortem-overdue-to-team-lead", Workflow.DEFAULT_VERSION, 1) == 1) {
      incident.record(now, "postmortem_escalated", null, "Postmortem overdue by " + -daysLeft
          + " business days: the lead of " + incident.declaration().service() + "'s team is told");
      notifyPerson("service-lead:" + incident.declaration().service(),
          NotificationKind.POSTMORTEM_REMINDER, "postmortem-lead/" + today, subject,
          subject + " (owner " + postmortem.owner() + ", due " + postmortem.dueDate()
              + "). You are told as the lead of the team that owns "
              + incident.declaration().service() + ".");
    }
  }

  // ---- the outside world

  private List<Recipient> recipients(List<String> targets, String purpose) {
    PolicyActivities directory = Workflow.newLocalActivityStub(PolicyActivities.class,
        LOOKUP.toBuilder().setSummary("who to page: " + purpose).build());
    boolean told = false;
    while (true) {
      try {
        return directory.recipients(targets, now());
      } catch (ActivityFailure failure) {
        if (!waitsForDatabase(failure)) {
          incident.record(now(), "directory_unavailable", null,
              "Could not look up " + targets + " for " + purpose + ": " + rootMessage(failure));
          return List.of();
        }
        if (!told) {
          incident.record(now(), "directory_unavailable", null, "Could not look up " + targets
              + " for " + purpose + ": the database is unavailable; asking again every "
              + Durations.human(DATABASE_RETRY) + " until it answers");
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
    return incident.stage() == Stage.TRIGGERED && DatabaseUnavailable.causedBy(failure)
        && Workflow.getVersion("page-waits-for-database", Workflow.DEFAULT_VERSION, 1) == 1;
  }

  /** Notifies a person through the channels their rules use at once (not the delayed ones). */
  private void notifyPerson(
      String personId, NotificationKind kind, String step, String subject, String body) {
    if (personId == null) {
      incident.record(now(), "notification_skipped", null,
          "Nobody to send the " + kind.name().toLowerCase().replace('_', ' ') + " to");
      return;
    }
    List<Recipient> found = recipients(List.of(personId), kind.name().toLowerCase());
    if (found.isEmpty()) {
      incident.record(now(), "notification_skipped", personId,
          personId + " is not in the directory; " + kind.name().toLowerCase() + " not sent");
    }
    for (Recipient recipient : found) {
      for (Recipient.Rule rule : recipient.rules()) {
        if (rule.immediate()) {
          send(new Notification(incident.key() + "/" + step + "/" + recipient.id() + "/"
                  + rule.channel(), incident.declaration().number(), kind, recipient.id(),
                  recipient.name(), rule.channel(), subject, body),
              kind.name().toLowerCase().replace('_', ' '));
        }
      }
    }
  }

  private void send(Notification notification, String reason) {
    send(notification, reason, null);
  }

  /** {@code failedBefore}: the channel whose failure this notification falls back from. */
  private void send(Notification notification, String why, String failedBefore) {
    String reason = failedBefore == null ? why
        : why + ", fallback after " + failedBefore + " failed";
    String what = describe(notification);
    boolean page = notification.kind() == NotificationKind.PAGE;
    NotificationActivities notifier = Workflow.newActivityStub(NotificationActivities.class,
        (page && communicates ? SEND_PAGE : SEND).toBuilder().setSummary(what).build());
    sendsInFlight++;
    Async.function(notifier::send, notification).handle((result, failure) -> {
      sendsInFlight--;
      Instant now = now();
      String error = failure != null ? rootMessage(failure)
          : result.status() == DeliveryResult.Status.FAILED ? result.detail() : null;
      if (page && failure != null && waitsForDatabase(failure)) {
        if (waitingForDatabase.add(notification.idempotencyKey())) {
          incident.record(now, "page_delayed", notification.recipientId(), what + " ("
              + reason + ") waits for the database, which is unavailable; tried again every "
              + Durations.human(DATABASE_RETRY) + " until it answers");
        }
        sendsInFlight++;
        Workflow.newTimer(DATABASE_RETRY).thenApply(fired -> {
          sendsInFlight--;
          if (incident.stage() == Stage.TRIGGERED) {
            send(notification, why, failedBefore);
          }
          changes++;
          return null;
        });
        changes++;
        return null;
      }
      if (error != null) {
        // Runs from before this change neither closed the log row nor said who was unreachable.
        boolean reported = Workflow.getVersion("page-failures-reported", Workflow.DEFAULT_VERSION,
            1) == 1;
        if (reported) {
          error = error.strip(); // SMTP replies end with a line break
        }
        incident.record(now, "notification_failed", notification.recipientId(),
            what + " failed (" + reason + "): " + error);
        boolean fallsBack = page && communicates
            && !FALLBACK_CHANNEL.equals(notification.channel())
            && incident.stage() == Stage.TRIGGERED;
        if (reported) {
          if (failure != null) {
            giveUp(notification, error, fallsBack);
          }
          if (page && !fallsBack && incident.stage() == Stage.TRIGGERED) {
            unreachable(notification, why, failedBefore);
          }
        }
        if (fallsBack) {
          Notification fallback = fallback(notification);
          if (lastLevel != null) {
            lastLevel.fellBack(notification.idempotencyKey(), fallback.idempotencyKey());
          }
          send(fallback, why, notification.channel());
        } else if (page && lastLevel != null && lastLevel.failed(notification.idempotencyKey())
            && incident.stage() == Stage.TRIGGERED) {
          reachedNobody = new Unreached(lastLevel.level(), lastLevel.index(),
              "every page of it failed");
        }
      } else {
        if (lastLevel != null) {
          lastLevel.accepted(notification.idempotencyKey());
        }
        // LOGGED only comes from log-only delivery (the embedded demo), which no earlier run had
        String logged = result.status() == DeliveryResult.Status.LOGGED
            ? "; logged only (log-only delivery): nobody was notified" : "";
        incident.record(now, notification.kind() == NotificationKind.PAGE ? "paged" : "notified",
            notification.recipientId(), what + " (" + reason + ")" + logged);
      }
      changes++;
      return null;
    });
  }

  /** The activity ran out of retries: its delivery-log row would stay pending otherwise. */
  private void giveUp(Notification notification, String error, boolean fallsBack) {
    NotificationActivities log = Workflow.newActivityStub(NotificationActivities.class,
        SAVE.toBuilder().setSummary("delivery log: " + describe(notification) + " given up").build());
    String detail = "given up after retrying: " + error
        + (fallsBack ? "; sent by " + FALLBACK_CHANNEL + " instead" : "");
    sendsInFlight++;
    Async.procedure(log::giveUp, new GivenUp(notification.idempotencyKey(), detail))
        .handle((ignored, failure) -> {
          sendsInFlight--;
          changes++;
          return null;
        });
  }

  /** Every channel of this page failed: escalation goes on by its timers alone. */
  private void unreachable(Notification notification, String reason, String failedBefore) {
    String channels = failedBefore == null ? notification.channel()
        : failedBefore + " or " + notification.channel();
    Escalation escalation = incident.escalation();
    String next = escalation == null || escalation.exhausted()
        ? "escalation is exhausted: nobody else will be paged"
        : lastLevel != null && lastLevel.tracks(notification.idempotencyKey())
            ? "if nobody of this level is reached, the next level is paged at once"
            : "the next level is paged on schedule";
    incident.record(now(), "page_undeliverable", notification.recipientId(),
        notification.recipientName() + " could not be reached by " + channels + " (" + reason
            + "); " + next);
  }

  private static Notification fallback(Notification failed) {
    return new Notification(failed.idempotencyKey() + "/fallback-" + FALLBACK_CHANNEL,
        failed.incidentNumber(), failed.kind(), failed.recipientId(), failed.recipientName(),
        FALLBACK_CHANNEL, failed.subject(),
        failed.body() + "\n(" + failed.channel() + " could not reach you.)");
  }

  /** Chat and the status page hear of declarations, status updates, severity changes, resolution. */
  private void announceNewEvents() {
    List<IncidentSnapshot.TimelineEvent> timeline = incident.timeline();
    if (!communicates) {
      announcedThrough = timeline.size();
      return;
    }
    for (; announcedThrough < timeline.size(); announcedThrough++) {
      IncidentSnapshot.TimelineEvent event = timeline.get(announcedThrough);
      Announcement.Kind kind = switch (event.type()) {
        case "declared" -> Announcement.Kind.DECLARED;
        case "status_update" -> Announcement.Kind.STATUS_UPDATE;
        case "severity_changed" -> Announcement.Kind.SEVERITY_CHANGED;
        case "resolved" -> Announcement.Kind.RESOLVED;
        default -> null;
      };
      if (kind != null) {
        announce(kind, event);
      }
    }
  }

  private void announce(Announcement.Kind kind, IncidentSnapshot.TimelineEvent event) {
    String publicMessage = null;
    if (kind == Announcement.Kind.STATUS_UPDATE) {
      publicMessage = incident.statusUpdates().stream()
          .filter(u -> u.at().equals(event.at()) && u.publicUpdate())
          .map(IncidentSnapshot.StatusUpdate::message)
          .reduce((first, second) -> second)
          .orElse(null);
    }
    IncidentDeclaration d = incident.declaration();
    dev.fireline.policy.SeverityPolicy policy = incident.severityPolicy();
    Announcement announcement = new Announcement(incident.key() + "/announce/" + event.seq(),
        d.number(), incident.key(), kind, incident.severity(), incident.stage(), d.service(),
        d.title(), event.message(), publicMessage, policy.notifyStakeholders(),
        policy.postToStatusPage(), event.at());
    CommunicationActivities communications = Workflow.newActivityStub(
        CommunicationActivities.class,
        ANNOUNCE.toBuilder().setSummary("announce " + kind.name().toLowerCase()).build());
    sendsInFlight++;
    Async.procedure(communications::announce, announcement).handle((ignored, failure) -> {
      sendsInFlight--;
      if (failure != null) {
        incident.record(now(), "announcement_failed", null,
            "Announcing " + kind.name().toLowerCase() + " failed: " + rootMessage(failure));
      }
      changes++;
      return null;
    });
  }

  private static String describe(Notification n) {
    String what = n.kind() == NotificationKind.PAGE ? "Page" : "Notification";
    return what + " to " + n.recipientName() + " via " + n.channel();
  }

  private void saveIfChanged() {
    if (saveInFlight || incident.version() == savedVersion) {
      return;
    }
    long version = incident.version();
    saveInFlight = true;
    Async.procedure(store::save, incident.snapshot()).handle((ignored, failure) -> {
      saveInFlight = false;
      if (failure == null) {
        savedVersion = version;
      }
      changes++;
      return null;
    });
  }

  private boolean settled() {
    return !saveInFlight && sendsInFlight == 0 && !warRoom.busy()
        && savedVersion == incident.version();
  }

  private void publishSearchAttributes() {
    if (!settings.searchAttributes()
        || (incident.stage() == publishedStage && incident.severity() == publishedSeverity)) {
      return;
    }
    Workflow.upsertTypedSearchAttributes(
        IncidentSearchAttributes.STAGE.valueSet(incident.stage().name()),
        IncidentSearchAttributes.SEVERITY.valueSet(incident.severity().name()),
        IncidentSearchAttributes.SERVICE.valueSet(incident.declaration().service()));
    publishedStage = incident.stage();
    publishedSeverity = incident.severity();
  }

  private boolean historyIsLong() {
    WorkflowInfo info = Workflow.getInfo();
    return info.getHistoryLength() >= settings.continueAsNewAfterEvents()
        || info.isContinueAsNewSuggested();
  }

  /** Keeps one timer, on the earliest deadline; moves it only when that deadline moved. */
  private void sleepUntilNextDeadlineOrChange() {
    int seen = changes;
    Optional<Deadline> next = Deadlines.next(incident);
    if (next.isEmpty()) {
      cancelTimer();
      Workflow.await(() -> changes != seen);
      return;
    }
    Deadline deadline = next.get();
    Duration wait = Duration.between(now(), deadline.at());
    if (wait.isZero() || wait.isNegative()) {
      return;
    }
    if (timer == null || !timer.at().equals(deadline.at())) {
      cancelTimer();
      timer = startTimer(deadline, wait);
    }
    Timer current = timer;
    Workflow.await(() -> current.fired().isCompleted() || changes != seen);
    if (current.fired().isCompleted()) {
      timer = null;
    }
  }

  private static Timer startTimer(Deadline deadline, Duration wait) {
    TimerOptions options = TimerOptions.newBuilder().setSummary(deadline.summary()).build();
    @SuppressWarnings("unchecked")
    Promise<Void>[] fired = new Promise[1];
    CancellationScope scope =
        Workflow.newCancellationScope(() -> fired[0] = Workflow.newTimer(wait, options));
    scope.run();
    // A cancelled timer fails its promise, which nobody reads: without a handler the SDK warns
    // "Promise completed with exception and was never accessed" when the incident closes.
    fired[0].exceptionally(cancelled -> null);
    return new Timer(deadline.at(), scope, fired[0]);
  }

  /**
   * Forgets the timer, cancelling it only when it is not (nearly) due. A due timer has fired or is
   * about to, and a cancel would cross its TimerFired event: Temporal Server resolves that race, but
   * the Java test server rejects the whole workflow task ("invalid history builder state for
   * action"), which stalls the incident until the task times out. Letting it fire wakes nobody.
   */
  private void cancelTimer() {
    if (timer != null && timer.at().isAfter(now().plus(DUE_TIMER_MARGIN))) {
      timer.scope().cancel();
    }
    timer = null;
  }

  private String currentDetails() {
    StringBuilder details = new StringBuilder()
        .append("**").append(incident.key()).append("** · ").append(incident.severity())
        .append(" · ").append(incident.stage()).append(" · ").append(incident.declaration().service())
        .append("\n\n").append(incident.declaration().title());
    Escalation escalation = incident.escalation();
    if (incident.stage() == Stage.TRIGGERED && escalation != null) {
      details.append("\n\nWaiting for acknowledgement: ").append(escalation.exhausted()
          ? "escalation exhausted"
          : "next escalation is level " + (escalation.level() + 1) + ", pass "
              + (escalation.pass() + 1));
    }
    Deadlines.next(incident).ifPresent(d ->
        details.append("\n\nNext: ").append(d.summary()).append(" at ").append(d.at()));
    return details.toString();
  }

  // ---- updates, signals, query

  @Override
  public IncidentSnapshot snapshot() {
    return incident.snapshot();
  }

  @Override
  public void validateAcknowledge(Acknowledge command) {
    requireText("by", command.by());
    incident.checkOpen("acknowledged");
  }

  @Override
  public IncidentSnapshot acknowledge(Acknowledge command) {
    return change(() -> incident.acknowledge(command.by(), now(), ""));
  }

  @Override
  public void validateEscalateNow(Commands.EscalateNow command) {
    requireText("by", command.by());
    incident.checkCanEscalateNow();
  }

  @Override
  public IncidentSnapshot escalateNow(Commands.EscalateNow command) {
    return change(() -> incident.escalateNow(command.by(), now()));
  }

  @Override
  public void validateResolve(Resolve command) {
    requireText("by", command.by());
    incident.checkNotClosed("resolved");
  }

  @Override
  public IncidentSnapshot resolve(Resolve command) {
    return change(() -> {
      incident.resolve(command.by(), command.summary(), now(), true,
          Boolean.TRUE.equals(command.postmortem()));
      draftPostmortem();
    });
  }

  @Override
  public void validatePostStatusUpdate(PostStatusUpdate command) {
    requireText("by", command.by());
    requireText("message", command.message());
    if (command.status() == null || !Stage.STATUS_UPDATE_STAGES.contains(command.status())) {
      throw new IllegalArgumentException("status must be investigating, identified or monitoring");
    }
    incident.checkOpen("updated");
  }

  @Override
  public IncidentSnapshot postStatusUpdate(PostStatusUpdate command) {
    return change(() -> incident.postStatusUpdate(command, now()));
  }

  @Override
  public void validateChangeSeverity(ChangeSeverity command) {
    requireText("by", command.by());
    if (command.severity() == null) {
      throw new IllegalArgumentException("severity is required");
    }
    incident.checkOpen("re-classified");
  }

  @Override
  public IncidentSnapshot changeSeverity(ChangeSeverity command) {
    return change(() -> incident.changeSeverity(command.severity(), command.by(), now()));
  }

  @Override
  public void validateAssignRole(AssignRole command) {
    requireText("by", command.by());
    requireText("person", command.person());
    if (command.role() == null) {
      throw new IllegalArgumentException("role is required");
    }
    incident.checkNotClosed("staffed");
  }

  @Override
  public IncidentSnapshot assignRole(AssignRole command) {
    return change(() -> incident.assignRole(command.role(), command.person(), command.by(), now()));
  }

  @Override
  public void validateEditPostmortem(EditPostmortem command) {
    requireText("by", command.by());
    if (command.status() == PostmortemStatus.PUBLISHED) {
      throw new IllegalArgumentException("status: publish with the publish call");
    }
    incident.checkPostmortemEditable();
  }

  @Override
  public IncidentSnapshot editPostmortem(EditPostmortem command) {
    return change(() -> incident.editPostmortem(command, now()));
  }

  @Override
  public void validatePublishPostmortem(PublishPostmortem command) {
    requireText("by", command.by());
    incident.checkPostmortemEditable();
  }

  @Override
  public IncidentSnapshot publishPostmortem(PublishPostmortem command) {
    return change(() -> incident.publishPostmortem(command.by(), now()));
  }

  @Override
  public void validateAddNote(Commands.AddNote command) {
    requireText("by", command.by());
    requireText("text", command.text());
    incident.checkNote(command.ref());
  }

  @Override
  public IncidentSnapshot addNote(Commands.AddNote command) {
    return change(() -> incident.addNote(command.by(), command.text().strip(), command.ref(),
        now()));
  }

  @Override
  public void alertFired(AlertEvent event) {
    if (incident.stage().isOpen()) {
      incident.alertFired(event, now());
      changes++;
    }
  }

  @Override
  public void alertResolved(AlertEvent event) {
    Workflow.await(() -> incident.policies() != null);
    if (incident.stage().isOpen()) {
      incident.alertResolvedAtSource(event, now());
      if (event.autoResolve()) {
        incident.resolve(event.source(), "resolved at source: " + event.summary(), now(), false);
        draftPostmortem();
      }
      changes++;
    }
  }

  /** A postmortem starts as a draft of what the incident knows (runs from before: empty). */
  private void draftPostmortem() {
    if (incident.postmortem() != null
        && Workflow.getVersion("postmortem-draft", Workflow.DEFAULT_VERSION, 1) == 1) {
      incident.draftPostmortem();
    }
  }

  private IncidentSnapshot change(Runnable change) {
    // Policies arrive in the first moments of the run; a change may need them (a postmortem due date).
    Workflow.await(() -> incident.policies() != null);
    change.run();
    changes++;
    return incident.snapshot();
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
  }

  static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof ApplicationFailure app ? app.getOriginalMessage() : cause.getMessage();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
