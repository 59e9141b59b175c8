package dev.fireline.incident;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import org.slf4j.Logger;

/**
 * A long incident (weeks of reminders, alert storms) starts a fresh run that carries its state, so
 * its history stays under what Temporal keeps in one run.
 */
final class ContinueAsNew {
  private static final Logger log = Workflow.getLogger(ContinueAsNew.class);

  private final Incident incident;
  private final WorkflowSettings settings;

  ContinueAsNew(Incident incident, WorkflowSettings settings) {
    this.incident = incident;
    this.settings = settings;
  }

  /** The history has grown past the configured length, or Temporal suggests starting afresh. */
  boolean due() {
    WorkflowInfo info = Workflow.getInfo();
    return info.getHistoryLength() >= settings.continueAsNewAfterEvents()
        || info.isContinueAsNewSuggested();
  }

  /** Ends this run and starts the next with the incident's snapshot; does not return. */
  void now() {
    log.info(
        "{} continues as new at {} history events",
        incident.key(),
        Workflow.getInfo().getHistoryLength());
    Workflow.continueAsNew(
        new IncidentInput(incident.declaration(), incident.snapshot(), settings));
  }
}
