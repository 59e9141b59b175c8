package dev.fireline.incident;

import dev.fireline.incident.Deadline.Kind;
import dev.fireline.incident.IncidentSnapshot.Escalation;
import dev.fireline.incident.IncidentSnapshot.PendingPage;
import dev.fireline.incident.IncidentSnapshot.Postmortem;
import dev.fireline.incident.IncidentSnapshot.PostmortemStatus;
import dev.fireline.incident.IncidentSnapshot.StatusUpdate;
import dev.fireline.policy.BusinessCalendar;
import dev.fireline.policy.Durations;
import dev.fireline.policy.SeverityPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every deadline is derived from the incident's state, never stored: a severity change or a status
 * update re-plans every timer simply because the next computation gives other instants.
 */
final class Deadlines {
  /** Ten years of days: a bound on the reminder search that no real calendar reaches. */
  private static final int MAX_DAYS_SEARCHED = 3_660;

  private Deadlines() {}

  static List<Deadline> of(Incident incident) {
    List<Deadline> deadlines = new ArrayList<>();
    if (incident.policies() == null) {
      return deadlines;
    }
    SeverityPolicy policy = incident.severityPolicy();
    Stage stage = incident.stage();
    if (stage == Stage.TRIGGERED) {
      Escalation escalation = incident.escalation();
      if (escalation != null && escalation.nextAt() != null) {
        deadlines.add(
            Deadline.of(
                escalation.nextAt(),
                Kind.ESCALATE,
                "escalate to level "
                    + (escalation.level() + 1)
                    + ", pass "
                    + (escalation.pass() + 1)));
      }
      for (PendingPage page : incident.pendingPages()) {
        deadlines.add(
            new Deadline(
                page.at(),
                Kind.PAGE,
                page.notification().channel() + " to " + page.notification().recipientName(),
                page));
      }
      // the target is the first acknowledgement's: a later round (snooze ended, ...) has none
      if (!incident.targets().ackTargetMissed() && incident.responding().retriggers() == 0) {
        deadlines.add(
            Deadline.of(
                ackDeadline(incident, policy),
                Kind.ACK_TARGET,
                incident.severity() + " acknowledgement target"));
      }
    }
    if (stage.isOpen() && incident.responding().mergingInto() == null) {
      Instant snoozedUntil = incident.responding().snoozedUntil();
      if (snoozedUntil != null) {
        deadlines.add(Deadline.of(snoozedUntil, Kind.SNOOZE_ENDS, "snooze ends"));
      } else if (stage != Stage.TRIGGERED
          && incident.ackTimeouts()
          && policy.ackTimeout() != null
          && incident.acknowledgedAt() != null) {
        deadlines.add(
            Deadline.of(
                lastAcknowledgedOrUpdated(incident).plus(policy.ackTimeout()),
                Kind.ACK_TIMEOUT,
                "acknowledgement timeout ("
                    + Durations.human(policy.ackTimeout())
                    + " without an update)"));
      }
    }
    if (stage.isOpen()) {
      if (policy.statusUpdateEvery() != null) {
        deadlines.add(
            Deadline.of(
                lastCommunication(incident).plus(policy.statusUpdateEvery()),
                Kind.STATUS_UPDATE_DUE,
                "status update due (every " + Durations.human(policy.statusUpdateEvery()) + ")"));
      }
      if (policy.resolveWithin() != null && !incident.targets().resolutionTargetMissed()) {
        deadlines.add(
            Deadline.of(
                incident.declaredAt().plus(policy.resolveWithin()),
                Kind.RESOLUTION_TARGET,
                incident.severity()
                    + " resolution target "
                    + Durations.human(policy.resolveWithin())));
      }
    }
    Postmortem postmortem = incident.postmortem();
    if (stage == Stage.POSTMORTEM && postmortem.status() != PostmortemStatus.PUBLISHED) {
      nextPostmortemReminder(postmortem, incident.calendar(), incident.resolvedAt())
          .ifPresent(
              at ->
                  deadlines.add(
                      Deadline.of(
                          at,
                          Kind.POSTMORTEM_REMINDER,
                          "postmortem reminder (due " + postmortem.dueDate() + ")")));
    }
    deadlines.sort(Comparator.comparing(Deadline::at));
    return deadlines;
  }

  static List<Deadline> due(Incident incident, Instant now) {
    return of(incident).stream().filter(d -> !d.at().isAfter(now)).toList();
  }

  static Optional<Deadline> next(Incident incident) {
    return of(incident).stream().findFirst();
  }

  static Instant ackDeadline(Incident incident, SeverityPolicy policy) {
    if (policy.ackByNextBusinessDay()) {
      BusinessCalendar calendar = incident.calendar();
      return calendar.endOf(calendar.nextBusinessDay(calendar.dateOf(incident.declaredAt())));
    }
    return incident.declaredAt().plus(policy.ackWithin());
  }

  /** The acknowledgement timeout restarts at every status update. */
  private static Instant lastAcknowledgedOrUpdated(Incident incident) {
    Instant last = incident.acknowledgedAt();
    List<StatusUpdate> updates = incident.statusUpdates();
    if (!updates.isEmpty() && updates.get(updates.size() - 1).at().isAfter(last)) {
      last = updates.get(updates.size() - 1).at();
    }
    return last;
  }

  /** The cadence clock restarts at every status update and every reminder. */
  private static Instant lastCommunication(Incident incident) {
    Instant last = incident.declaredAt();
    List<StatusUpdate> updates = incident.statusUpdates();
    if (!updates.isEmpty() && updates.get(updates.size() - 1).at().isAfter(last)) {
      last = updates.get(updates.size() - 1).at();
    }
    Instant reminded = incident.targets().lastCadenceReminderAt();
    if (reminded != null && reminded.isAfter(last)) {
      last = reminded;
    }
    return last;
  }

  /**
   * Reminders go out at the start of the working day, 2 and 1 business days before the due date, on
   * the due date, and every business day after it until the postmortem is published.
   */
  static Optional<Instant> nextPostmortemReminder(
      Postmortem postmortem, BusinessCalendar calendar, Instant resolvedAt) {
    Instant after = postmortem.lastReminderAt() != null ? postmortem.lastReminderAt() : resolvedAt;
    LocalDate day = calendar.plusBusinessDays(postmortem.dueDate(), -2);
    LocalDate afterDay = calendar.dateOf(after);
    if (day.isBefore(afterDay)) {
      day = afterDay;
    }
    for (int i = 0; i < MAX_DAYS_SEARCHED; i++, day = day.plusDays(1)) {
      if (calendar.businessDay(day) && calendar.startOf(day).isAfter(after)) {
        return Optional.of(calendar.startOf(day));
      }
    }
    return Optional.empty();
  }
}
