package dev.fireline.handoff;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;

/** Keeps one handoff workflow running per schedule, and tells it when the schedule changed. */
public class Handoffs {
  private final WorkflowClient client;

  public Handoffs(WorkflowClient client) {
    this.client = client;
  }

  /** Starts the schedule's handoff workflow if it is not running, and makes it plan again. */
  public void scheduleChanged(String scheduleId) {
    HandoffWorkflow workflow =
        client.newWorkflowStub(
            HandoffWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(HandoffWorkflow.workflowId(scheduleId))
                .setTaskQueue(HandoffWorkflow.TASK_QUEUE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setStaticSummary("On-call handoffs of schedule " + scheduleId)
                .build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(workflow::run, new HandoffInput(scheduleId, null));
    request.add(workflow::scheduleChanged);
    client.signalWithStart(request);
  }
}
