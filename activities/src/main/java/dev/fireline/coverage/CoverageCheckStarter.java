package dev.fireline.coverage;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;

/** Keeps the one coverage check workflow running. */
public class CoverageCheckStarter {
  private final WorkflowClient client;

  public CoverageCheckStarter(WorkflowClient client) {
    this.client = client;
  }

  /** Starts {@value CoverageCheckWorkflow#WORKFLOW_ID} unless it is already running. */
  public void ensureRunning() {
    CoverageCheckWorkflow workflow =
        client.newWorkflowStub(
            CoverageCheckWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(CoverageCheckWorkflow.WORKFLOW_ID)
                .setTaskQueue(CoverageCheckWorkflow.TASK_QUEUE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setStaticSummary(
                    "Daily check of on-call coverage: gaps in schedules and policies"
                        + " over the next "
                        + CoverageCheckActivities.DAYS_AHEAD
                        + " days")
                .build());
    WorkflowClient.start(workflow::run, new CoverageCheckWorkflow.Input(null));
  }
}
