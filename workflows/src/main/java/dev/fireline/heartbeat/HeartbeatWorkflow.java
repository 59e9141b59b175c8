package dev.fireline.heartbeat;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One execution per heartbeat ({@code heartbeat-<id>}): a ping is expected every interval, plus
 * grace; a missed one opens an incident, the next ping resolves it.
 */
@WorkflowInterface
public interface HeartbeatWorkflow {
  String TASK_QUEUE = dev.fireline.incident.IncidentWorkflow.TASK_QUEUE;

  static String workflowId(String heartbeatId) {
    return "heartbeat-" + heartbeatId;
  }

  @WorkflowMethod
  void run(HeartbeatInput input);

  @SignalMethod
  void ping();

  /** The heartbeat was deleted. */
  @SignalMethod
  void stop();
}
