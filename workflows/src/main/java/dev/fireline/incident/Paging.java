package dev.fireline.incident;

import dev.fireline.incident.IncidentSnapshot.Escalation;
import dev.fireline.incident.IncidentSnapshot.PendingPage;
import dev.fireline.incident.ReachedNobodyAlarm.Unreached;
import dev.fireline.notify.Notification;
import dev.fireline.policy.Durations;
import dev.fireline.policy.EscalationPolicy;
import dev.fireline.policy.PolicyActivities;
import dev.fireline.policy.Recipient;
import dev.fireline.policy.Urgency;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Escalation (workflow code: deterministic): loads the policies, follows severity changes with that
 * severity's escalation variant, pages each level's targets as resolved at that moment (at once or
 * by their delayed rules), and raises the alarm when a level reached nobody.
 */
final class Paging {
  /**
   * Without policies nothing can be paged, so loading them is retried for as long as it takes. The
   * attempt limit must be explicit: a local activity with neither a schedule-to-close timeout nor
   * maximum attempts is not retried at all (sdk-java#1727), and its failure would fail the
   * incident.
   */
  private static final LocalActivityOptions LOAD_POLICIES =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .setMaximumAttempts(Integer.MAX_VALUE)
                  .build())
          .setSummary("load severity and escalation policies")
          .build();

  /** A reassignment to an escalation policy: {@code policy:<id>}. */
  static final String POLICY = "policy:";

  private final Incident incident;
  private final Deliveries deliveries;
  private final LevelWatch levelWatch;

  /** A level that reaches nobody escalates at once and alarms others (not in earlier runs). */
  private final boolean emergencies;

  /** The severity whose escalation variant is in the incident's policies. */
  private Severity escalationPlannedFor;

  /**
   * Null until a low-urgency page would first be held: only then is the change's marker written.
   */
  private Boolean holdsForWorkingHours;

  Paging(Incident incident, Deliveries deliveries, LevelWatch levelWatch, boolean emergencies) {
    this.incident = incident;
    this.deliveries = deliveries;
    this.levelWatch = levelWatch;
    this.emergencies = emergencies;
  }

  /** A new incident loads its policies (a continued one carries them). */
  void loadPolicies() {
    if (incident.policies() == null) {
      PolicyActivities directory =
          Workflow.newLocalActivityStub(PolicyActivities.class, LOAD_POLICIES);
      incident.startEscalation(
          directory.policiesFor(incident.declaration().service(), incident.severity()));
    }
    escalationPlannedFor = incident.severity();
  }

  /** A severity change brings that severity's escalation variant (SEV1 may page more people). */
  void followSeverityWithEscalation() {
    if (incident.severity() == escalationPlannedFor || !incident.stage().isOpen()) {
      return;
    }
    escalationPlannedFor = incident.severity();
    // Incidents started before this existed keep the escalation they were planned with.
    if (Workflow.getVersion("escalation-follows-severity", Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return;
    }
    PolicyActivities directory =
        Workflow.newLocalActivityStub(
            PolicyActivities.class,
            LOAD_POLICIES.toBuilder()
                .setSummary("load escalation policy for " + incident.severity())
                .build());
    incident.replacePolicies(
        directory.policiesFor(incident.declaration().service(), incident.severity()), now());
  }

  /** Pages the current level's targets, as resolved now, and moves escalation on. */
  void escalate() {
    Escalation current = incident.escalation();
    EscalationPolicy policy = incident.policies().escalation();
    Instant now = now();
    if (policy.levels().isEmpty()) {
      incident.escalated(Escalations.withoutLevels(current));
      incident.record(
          now,
          "escalation_exhausted",
          null,
          "Escalation policy " + policy.name() + " has no levels: nobody was paged");
      return;
    }
    EscalationPolicy.Level level = policy.levels().get(current.level());
    String reason = Escalations.reason(current, policy);
    List<Recipient> recipients = deliveries.recipients(level.targets(), reason);
    if (incident.stage() != Stage.TRIGGERED) {
      return; // acknowledged while the directory was asked
    }
    incident.escalated(Escalations.next(current, policy, now.plus(level.escalateAfter())));
    if (recipients.isEmpty()) {
      incident.record(now, "nobody_paged", null, "Nobody to page at " + reason);
      if (emergencies) {
        levelWatch.reachedNobody(
            new Unreached(
                reason, current.level(), "nobody is on call for it or known to the directory"));
      }
    }
    List<String> immediate = new ArrayList<>();
    for (Recipient recipient : recipients) {
      String why = recipient.reason() == null ? reason : reason + ", " + recipient.reason();
      for (Recipient.Rule rule : recipient.rules()) {
        Notification page = Pages.page(incident, recipient, rule, current, why);
        if (holdsForWorkingHours(recipient, rule)) {
          if (alreadyHeld(recipient, rule)) {
            continue; // a later pass or level: the page already waiting covers it
          }
          Instant due = now.plus(rule.after() == null ? Duration.ZERO : rule.after());
          Instant at = due.isAfter(recipient.workingFrom()) ? due : recipient.workingFrom();
          incident.addPendingPage(
              new PendingPage(
                  at,
                  page,
                  why + ", " + rule.channel() + " held for working hours (low urgency)",
                  true));
          incident.record(
              now,
              "page_held",
              recipient.id(),
              Pages.describe(page)
                  + " waits for "
                  + recipient.name()
                  + "'s working hours ("
                  + at
                  + "): low urgency; e-mail and chat "
                  + "go at once");
        } else if (rule.immediate()) {
          immediate.add(page.idempotencyKey());
          deliveries.send(page, why);
        } else {
          incident.addPendingPage(
              new PendingPage(
                  now.plus(rule.after()),
                  page,
                  why + ", " + rule.channel() + " after " + Durations.human(rule.after())));
        }
      }
    }
    if (emergencies && !immediate.isEmpty()) {
      levelWatch.follow(new LevelReach(reason, current.level(), immediate));
    }
    if (incident.escalation().exhausted()) {
      incident.record(
          now,
          "escalation_exhausted",
          null,
          "Last level of policy "
              + policy.name()
              + " paged on pass "
              + (current.pass() + 1)
              + "; no further escalation");
    }
  }

  /**
   * Escalation starts over with {@code to}: an escalation policy ({@code policy:<id>}, as it pages
   * for the incident's severity), or one target paged every {@link #reassignedLevelDelay} until
   * acknowledged (three passes; then the reached-nobody rules keep it going).
   */
  void reassign(String to, String by) {
    EscalationPolicy policy;
    if (to.startsWith(POLICY)) {
      String id = to.substring(POLICY.length());
      PolicyActivities directory =
          Workflow.newLocalActivityStub(
              PolicyActivities.class,
              LOAD_POLICIES.toBuilder().setSummary("load escalation policy " + id).build());
      policy = directory.escalationPolicy(id, incident.severity());
      if (policy == null) {
        incident.record(
            now(),
            "reassign_failed",
            by,
            "Not reassigned: there is no escalation "
                + "policy "
                + id
                + "; escalation goes on as it was");
        return;
      }
    } else {
      policy =
          new EscalationPolicy(
              "reassigned to " + to,
              2,
              List.of(new EscalationPolicy.Level(reassignedLevelDelay(), List.of(to))));
    }
    incident.reassign(policy, to, by, now());
  }

  /** How long a reassigned single target has to acknowledge before it is paged again. */
  private Duration reassignedLevelDelay() {
    Duration ackWithin = incident.severityPolicy().ackWithin();
    return ackWithin != null ? ackWithin : Duration.ofMinutes(30);
  }

  /** Pages {@code people} now (their immediate rules); the escalation goes on as it was. */
  void addResponders(List<String> people, String by, String message) {
    Instant now = now();
    List<Recipient> found = deliveries.recipients(people, "added responders");
    List<String> known = found.stream().map(Recipient::id).toList();
    for (String person : people) {
      if (!known.contains(person) && !known.contains(person.replaceFirst("^person:", ""))) {
        incident.record(
            now, "responder_unknown", by, person + " is not in the directory; not paged");
      }
    }
    for (Recipient recipient : found) {
      incident.record(
          now,
          "responder_added",
          recipient.id(),
          by
              + " added "
              + recipient.name()
              + " as a responder"
              + (message == null || message.isBlank() ? "" : ": " + message));
      for (Recipient.Rule rule : recipient.rules()) {
        if (rule.immediate()) {
          deliveries.send(
              Pages.responder(incident, now, recipient, rule.channel(), by, message),
              "added as a responder by " + by);
        }
      }
    }
  }

  /**
   * Low urgency keeps phone calls and SMS to working hours: the rule is a phone channel, the person
   * is outside their hours now, and the incident is low urgency.
   */
  private boolean holdsForWorkingHours(Recipient recipient, Recipient.Rule rule) {
    if (recipient.workingFrom() == null
        || !Recipient.phone(rule.channel())
        || incident.urgency() != Urgency.LOW) {
      return false;
    }
    if (holdsForWorkingHours == null) {
      holdsForWorkingHours =
          Workflow.getVersion("low-urgency-waits-for-working-hours", Workflow.DEFAULT_VERSION, 1)
              == 1;
    }
    return holdsForWorkingHours;
  }

  private boolean alreadyHeld(Recipient recipient, Recipient.Rule rule) {
    return incident.pendingPages().stream()
        .anyMatch(
            p ->
                p.held()
                    && p.notification().recipientId().equals(recipient.id())
                    && p.notification().channel().equals(rule.channel()));
  }

  /** The incident became high urgency (its severity was raised): held pages go out now. */
  void releaseHeldPagesIfUrgent() {
    if (incident.stage() == Stage.TRIGGERED && incident.urgency() == Urgency.HIGH) {
      incident.releaseHeldPages(now());
    }
  }

  /** A person's delayed rule is due ("call me after 2 minutes"). */
  void sendPending(PendingPage page) {
    incident.removePendingPage(page);
    deliveries.send(page.notification(), page.reason());
  }

  /**
   * A level reached nobody (nobody on call, unknown people, every page failed): an emergency, not a
   * note. The next level is paged now instead of after its delay, and the people of the policy's
   * last level and the admins are paged by every channel their rules name.
   */
  void alarmIfNobodyReached() {
    Unreached unreached = levelWatch.takeReachedNobody();
    if (unreached == null) {
      return;
    }
    List<EscalationPolicy.Level> levels = incident.policies().escalation().levels();
    boolean lastFailed = ReachedNobodyAlarm.lastLevelFailed(unreached, levels);
    if (incident.stage() != Stage.TRIGGERED) {
      return;
    }
    Instant now = now();
    boolean next = incident.escalateAtOnce(now);
    // Paging never silently stops: an exhausted policy that reached nobody tries its last level
    // again after that level's delay (providers may be back by then)
    Duration again = ReachedNobodyAlarm.lastLevelAgainAfter(levels);
    boolean retried =
        !next && again != null && incident.pageLastLevelAgain(levels.size() - 1, now.plus(again));
    incident.record(
        now,
        "page_reached_nobody",
        null,
        ReachedNobodyAlarm.timelineText(
            unreached, next, retried, again, incident.escalation(), lastFailed));
    String subject = Pages.alarmSubject(incident);
    String purpose = ReachedNobodyAlarm.purpose(unreached);
    for (Recipient recipient :
        deliveries.recipients(ReachedNobodyAlarm.targets(levels, lastFailed), purpose)) {
      for (String channel : ReachedNobodyAlarm.channels(recipient)) {
        deliveries.send(
            Pages.alarm(incident, subject, now, recipient, channel, unreached.level()), purpose);
      }
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
