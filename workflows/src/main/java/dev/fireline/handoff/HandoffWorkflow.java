package dev.fireline.handoff;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One long-running execution per schedule, id {@code handoff-<schedule id>}: at every handoff the
 * outgoing and the incoming on-call get a summary. Timers and continue-as-new, because the embedded
 * Temporal service has no Schedules.
 */
@WorkflowInterface
public interface HandoffWorkflow {
  String TASK_QUEUE = dev.fireline.incident.IncidentWorkflow.TASK_QUEUE;

  static String workflowId(String scheduleId) {
    return "handoff-" + scheduleId;
  }

  @WorkflowMethod
  void run(HandoffInput input);

  /** The schedule or its overrides changed: plan the next handoff again. */
  @SignalMethod
  void scheduleChanged();
}
