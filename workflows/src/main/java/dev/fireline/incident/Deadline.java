package dev.fireline.incident;

import dev.fireline.incident.IncidentSnapshot.PendingPage;
import java.time.Instant;

/** Something the incident waits for; the workflow keeps one timer, on the earliest. */
record Deadline(Instant at, Kind kind, String summary, PendingPage page) {

  enum Kind {
    ESCALATE,
    PAGE,
    ACK_TARGET,
    STATUS_UPDATE_DUE,
    RESOLUTION_TARGET,
    POSTMORTEM_REMINDER,
    SNOOZE_ENDS,
    ACK_TIMEOUT
  }

  static Deadline of(Instant at, Kind kind, String summary) {
    return new Deadline(at, kind, summary, null);
  }
}
