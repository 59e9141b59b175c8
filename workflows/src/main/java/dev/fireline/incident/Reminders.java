package dev.fireline.incident;

import dev.fireline.notify.NotificationKind;
import dev.fireline.policy.Durations;
import dev.fireline.policy.EscalationPolicy;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;

/**
 * The reminders an incident's targets call for (workflow code: deterministic): a status update due
 * by the severity's cadence, the resolution target missed, and the postmortem due or overdue.
 */
final class Reminders {
  private final Incident incident;
  private final Deliveries deliveries;

  Reminders(Incident incident, Deliveries deliveries) {
    this.incident = incident;
    this.deliveries = deliveries;
  }

  /** No status update within the cadence: the commander (or comms lead) is reminded. */
  void statusUpdateDue() {
    String owner = incident.communicationOwner();
    Instant now = now();
    incident.cadenceReminded(now, owner);
    if (owner != null) {
      String every = Durations.human(incident.severityPolicy().statusUpdateEvery());
      deliveries.notifyPerson(
          owner,
          NotificationKind.STATUS_UPDATE_REMINDER,
          "status-reminder/" + now.toEpochMilli(),
          incident.key() + ": a status update is due",
          "No status update was posted on "
              + incident.key()
              + " for "
              + every
              + ". Post one so stakeholders know where things stand.");
    }
  }

  /** Past the resolution target: the policy's last level is told. */
  void resolutionTargetMissed() {
    incident.resolutionTargetMissed(now());
    EscalationPolicy policy = incident.policies().escalation();
    if (policy.levels().isEmpty()) {
      return;
    }
    List<String> lastLevel = policy.levels().get(policy.levels().size() - 1).targets();
    String subject = incident.key() + " is past its " + incident.severity() + " resolution target";
    for (String target : lastLevel) {
      deliveries.notifyPerson(
          target,
          NotificationKind.RESOLUTION_TARGET_MISSED,
          "resolution-target",
          subject,
          subject
              + " ("
              + Durations.human(incident.severityPolicy().resolveWithin())
              + ") and still "
              + incident.stage().name().toLowerCase()
              + ".");
    }
  }

  /** The postmortem's owner is reminded; long overdue, the lead of the service's team too. */
  void postmortemDue() {
    Instant now = now();
    IncidentSnapshot.Postmortem postmortem = incident.postmortem();
    incident.postmortemReminded(now);
    PostmortemReminder reminder =
        PostmortemReminder.on(now, incident.key(), postmortem, incident.calendar());
    incident.record(now, "postmortem_reminder", null, reminder.timelineText());
    deliveries.notifyPerson(
        postmortem.owner(),
        NotificationKind.POSTMORTEM_REMINDER,
        "postmortem-reminder/" + reminder.today(),
        reminder.subject(),
        reminder.toOwner());
    String service = incident.declaration().service();
    if (reminder.tellsLead(incident.policies().postmortemLeadAfterOverdueDays())
        && Workflow.getVersion("postmortem-overdue-to-team-lead", Workflow.DEFAULT_VERSION, 1)
            == 1) {
      incident.record(now, "postmortem_escalated", null, reminder.leadToldText(service));
      deliveries.notifyPerson(
          "service-lead:" + service,
          NotificationKind.POSTMORTEM_REMINDER,
          "postmortem-lead/" + reminder.today(),
          reminder.subject(),
          reminder.toLead(service));
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
