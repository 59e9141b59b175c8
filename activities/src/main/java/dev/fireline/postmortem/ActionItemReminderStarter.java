package dev.fireline.postmortem;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;

/** Keeps the one action item reminder workflow running. */
public class ActionItemReminderStarter {
  private final WorkflowClient client;

  public ActionItemReminderStarter(WorkflowClient client) {
    this.client = client;
  }

  /** Starts {@value ActionItemReminderWorkflow#WORKFLOW_ID} unless it is already running. */
  public void ensureRunning() {
    ActionItemReminderWorkflow workflow =
        client.newWorkflowStub(
            ActionItemReminderWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(ActionItemReminderWorkflow.WORKFLOW_ID)
                .setTaskQueue(ActionItemReminderWorkflow.TASK_QUEUE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setStaticSummary("Daily reminders of due and overdue postmortem action items")
                .build());
    WorkflowClient.start(workflow::run, new ActionItemReminderWorkflow.Input(null));
  }
}
