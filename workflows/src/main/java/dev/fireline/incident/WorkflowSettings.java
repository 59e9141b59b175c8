package dev.fireline.incident;

/**
 * Settings fixed when the incident starts (so replay never depends on a process's configuration).
 *
 * @param searchAttributes whether the Temporal namespace has Fireline's search attributes;
 *     upserting an unregistered attribute would fail every workflow task, so it is only done when
 *     known to work
 * @param continueAsNewAfterEvents history length after which the incident continues as new
 */
public record WorkflowSettings(boolean searchAttributes, int continueAsNewAfterEvents) {
  public static final int DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS = 2_000;

  public static WorkflowSettings defaults(boolean searchAttributes) {
    return new WorkflowSettings(searchAttributes, DEFAULT_CONTINUE_AS_NEW_AFTER_EVENTS);
  }
}
