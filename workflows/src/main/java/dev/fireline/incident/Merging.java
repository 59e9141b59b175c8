package dev.fireline.incident;

import dev.fireline.incident.Commands.MergedIncident;
import dev.fireline.incident.MergeActivities.MoveToIncident;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Merging this incident into another (workflow code: deterministic), once a responder asked for it:
 * the other incident is told first (it takes this one's timeline, and refuses nothing: a closed or
 * unknown one simply cannot be signalled, and then nothing is merged), then the alerts and pages
 * move under it in PostgreSQL, then this incident closes. Run by the main loop, so the steps happen
 * in order even across a worker restart.
 */
final class Merging {
  /** Moving rows must happen however long the database is away: the merge waits for it. */
  private static final ActivityOptions MOVE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .build())
          .build();

  private final Incident incident;

  /** Who asked (set by the Update handler, which waits for the merge to end). */
  private String requestedBy;

  Merging(Incident incident) {
    this.incident = incident;
  }

  void request(String into, String by) {
    requestedBy = by;
    incident.mergeRequested(into, by, now());
  }

  /** Done or failed: the Update that asked can answer. */
  boolean settled() {
    return incident.responding().mergingInto() == null;
  }

  void mergeIfRequested() {
    String into = incident.responding().mergingInto();
    if (into == null) {
      return;
    }
    IncidentWorkflow target = Workflow.newExternalWorkflowStub(IncidentWorkflow.class, into);
    try {
      target.incidentMerged(
          new MergedIncident(
              incident.key(),
              incident.declaration().title(),
              requestedBy,
              List.copyOf(incident.timeline())));
    } catch (SignalExternalWorkflowException | ApplicationFailure failure) {
      // the SDK reports a signal to a workflow that is not running as an ApplicationFailure of
      // type SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_...; anything else is no answer
      if (failure instanceof ApplicationFailure app
          && !app.getType().startsWith("SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED")) {
        throw app;
      }
      incident.mergeFailed(into + " is not running (closed, or no such incident)", now());
      return;
    }
    long targetNumber = IncidentKeys.parse(into).orElseThrow();
    MergeActivities merges =
        Workflow.newActivityStub(
            MergeActivities.class,
            MOVE.toBuilder().setSummary("move alerts and pages to " + into).build());
    merges.moveAlertsAndPages(new MoveToIncident(incident.declaration().number(), targetNumber));
    incident.merged(requestedBy, now());
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
