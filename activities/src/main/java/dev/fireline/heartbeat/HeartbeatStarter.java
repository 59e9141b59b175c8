package dev.fireline.heartbeat;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;

/**
 * Starts, pings, restarts and stops the workflow of a heartbeat ({@code heartbeat-<id>}). Starting
 * is idempotent: a workflow that runs already is used as it is, so the API (a new heartbeat, a
 * ping) and the start-up runner (every heartbeat, e.g. on a fresh Temporal) may all call it.
 */
public class HeartbeatStarter {
  private final WorkflowClient client;

  public HeartbeatStarter(WorkflowClient client) {
    this.client = client;
  }

  /** Starts the heartbeat's workflow unless it runs; no ping (a start-up is not a sign of life). */
  public void ensureRunning(String id, long intervalSeconds, long graceSeconds) {
    WorkflowClient.start(
        stub(id)::run, new HeartbeatInput(id, intervalSeconds, graceSeconds, false));
  }

  /** Pings it: signal-with-start, so a ping also starts a workflow that does not run. */
  public void ping(String id, long intervalSeconds, long graceSeconds) {
    HeartbeatWorkflow workflow = stub(id);
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(workflow::run, new HeartbeatInput(id, intervalSeconds, graceSeconds, false));
    request.add(workflow::ping);
    client.signalWithStart(request);
  }

  /**
   * Replaces the running workflow by one with the new interval and grace (a running workflow keeps
   * the ones it started with). {@code missing}: its missed-heartbeat incident is open, so the next
   * ping resolves it.
   */
  public void restart(String id, long intervalSeconds, long graceSeconds, boolean missing) {
    try {
      client
          .newUntypedWorkflowStub(HeartbeatWorkflow.workflowId(id))
          .terminate("heartbeat " + id + " changed: restarted with its new interval and grace");
    } catch (WorkflowNotFoundException notRunning) {
      // nothing to replace
    }
    WorkflowClient.start(
        stub(id)::run, new HeartbeatInput(id, intervalSeconds, graceSeconds, missing));
  }

  /** The heartbeat was deleted: its workflow ends (if it runs). */
  public void stop(String id) {
    try {
      client.newWorkflowStub(HeartbeatWorkflow.class, HeartbeatWorkflow.workflowId(id)).stop();
    } catch (RuntimeException alreadyGone) {
      // nothing runs for it any more
    }
  }

  private HeartbeatWorkflow stub(String id) {
    return client.newWorkflowStub(
        HeartbeatWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(HeartbeatWorkflow.workflowId(id))
            .setTaskQueue(HeartbeatWorkflow.TASK_QUEUE)
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setStaticSummary("Heartbeat " + id)
            .build());
  }
}
