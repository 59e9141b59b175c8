package dev.fireline.incident;

import dev.fireline.incident.IncidentSnapshot.Escalation;

/** What Temporal UI shows as the incident's current details: stage and what it waits on (pure). */
final class CurrentDetails {
  private CurrentDetails() {}

  static String of(Incident incident) {
    StringBuilder details =
        new StringBuilder()
            .append("**")
            .append(incident.key())
            .append("** · ")
            .append(incident.severity())
            .append(" · ")
            .append(incident.stage())
            .append(" · ")
            .append(incident.declaration().service())
            .append("\n\n")
            .append(incident.declaration().title());
    Escalation escalation = incident.escalation();
    if (incident.stage() == Stage.TRIGGERED && escalation != null) {
      details
          .append("\n\nWaiting for acknowledgement: ")
          .append(
              escalation.exhausted()
                  ? "escalation exhausted"
                  : "next escalation is level "
                      + (escalation.level() + 1)
                      + ", pass "
                      + (escalation.pass() + 1));
    }
    Deadlines.next(incident)
        .ifPresent(
            d -> details.append("\n\nNext: ").append(d.summary()).append(" at ").append(d.at()));
    return details.toString();
  }
}
