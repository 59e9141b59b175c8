package dev.fireline.incident;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Keeps the incident's read model in PostgreSQL following its state (workflow code: deterministic).
 * One save is in flight at a time; changes meanwhile go into the next one, so a slow database never
 * holds up the escalation clock.
 */
final class ReadModel {
  /** The read model must catch up eventually, however long the database is away. */
  static final ActivityOptions SAVE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .build())
          .setSummary("save read model")
          .build();

  private final Incident incident;
  private final Runnable changed;
  private final IncidentStoreActivities store =
      Workflow.newActivityStub(IncidentStoreActivities.class, SAVE);
  private boolean saveInFlight;
  private long savedVersion = -1;

  /**
   * @param changed wakes the workflow's main loop when a save finished
   */
  ReadModel(Incident incident, Runnable changed) {
    this.incident = incident;
    this.changed = changed;
  }

  /** Saves the incident unless this version is saved or a save is under way. */
  void saveIfChanged() {
    if (saveInFlight || incident.version() == savedVersion) {
      return;
    }
    long version = incident.version();
    saveInFlight = true;
    Async.procedure(store::save, incident.snapshot())
        .handle(
            (ignored, failure) -> {
              saveInFlight = false;
              if (failure == null) {
                savedVersion = version;
              }
              changed.run();
              return null;
            });
  }

  /** Whether the read model shows the incident as it is now, no save under way. */
  boolean upToDate() {
    return !saveInFlight && savedVersion == incident.version();
  }
}
