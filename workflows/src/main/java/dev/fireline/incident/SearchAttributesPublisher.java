package dev.fireline.incident;

import io.temporal.workflow.Workflow;

/** Keeps the incident's typed search attributes (stage, severity, service) current in Temporal. */
final class SearchAttributesPublisher {
  private final Incident incident;

  /**
   * Whether the Temporal namespace has Fireline's search attributes: upserting an unregistered
   * attribute would fail every workflow task.
   */
  private final boolean enabled;

  private Stage publishedStage;
  private Severity publishedSeverity;

  SearchAttributesPublisher(Incident incident, boolean enabled) {
    this.incident = incident;
    this.enabled = enabled;
  }

  /** Upserts the attributes when the stage or severity changed since the last upsert. */
  void publish() {
    if (!enabled
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
}
