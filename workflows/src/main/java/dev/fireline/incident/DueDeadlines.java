package dev.fireline.incident;

import dev.fireline.policy.Durations;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.Optional;

/** The loop's step that acts on every deadline that is due, the earliest first, until none is. */
final class DueDeadlines {
  private final Incident incident;
  private final Paging paging;
  private final Reminders reminders;

  DueDeadlines(Incident incident, Paging paging, Reminders reminders) {
    this.incident = incident;
    this.paging = paging;
    this.reminders = reminders;
  }

  void handle() {
    for (Optional<Deadline> due = firstDue(); due.isPresent(); due = firstDue()) {
      Deadline deadline = due.get();
      switch (deadline.kind()) {
        case ESCALATE -> paging.escalate();
        case PAGE -> paging.sendPending(deadline.page());
        case ACK_TARGET -> incident.ackTargetMissed(now());
        case STATUS_UPDATE_DUE -> reminders.statusUpdateDue();
        case RESOLUTION_TARGET -> reminders.resolutionTargetMissed();
        case POSTMORTEM_REMINDER -> reminders.postmortemDue();
        case SNOOZE_ENDS -> incident.retrigger(now(), "snooze_ended", null, "Snooze ended");
        case ACK_TIMEOUT -> incident.retrigger(now(), "ack_timeout", null, ackTimeoutReason());
      }
    }
  }

  private String ackTimeoutReason() {
    return "No status update for "
        + Durations.human(incident.severityPolicy().ackTimeout())
        + " since it was acknowledged or last updated ("
        + incident.severity()
        + " acknowledgement timeout)";
  }

  private Optional<Deadline> firstDue() {
    return Deadlines.due(incident, now()).stream().findFirst();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
