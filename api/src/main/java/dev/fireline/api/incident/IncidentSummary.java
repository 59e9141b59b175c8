package dev.fireline.api.incident;

import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import java.time.Instant;

/** One line of the incident list. */
record IncidentSummary(
    long number,
    String key,
    String title,
    String service,
    Severity severity,
    Stage stage,
    String declaredBy,
    Instant declaredAt,
    Instant acknowledgedAt,
    Instant resolvedAt) {

  static IncidentSummary of(IncidentSnapshot s) {
    return new IncidentSummary(
        s.number(),
        s.key(),
        s.title(),
        s.service(),
        s.severity(),
        s.stage(),
        s.declaredBy(),
        s.declaredAt(),
        s.acknowledgedAt(),
        s.resolvedAt());
  }
}
