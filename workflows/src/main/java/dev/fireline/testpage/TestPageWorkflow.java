package dev.fireline.testpage;

import dev.fireline.notify.DeliveryResult;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * A test page: one notification on each asked channel of one person, through the same providers as
 * real pages, answering what each provider said. Runs on the worker, which has the providers; the
 * api waits for the answer. What every on-call engineer does before a shift.
 */
@WorkflowInterface
public interface TestPageWorkflow {
  String TASK_QUEUE = dev.fireline.incident.IncidentWorkflow.TASK_QUEUE;

  /**
   * @param requestId one per request: a retried activity never sends twice, a new request does
   * @param requestedBy who asked, for the message
   */
  record Input(
      String personId,
      String personName,
      List<String> channels,
      String requestId,
      String requestedBy) {}

  record Result(List<DeliveryResult> results) {}

  static String workflowId(String personId, String requestId) {
    return "test-page-" + personId + "-" + requestId;
  }

  @WorkflowMethod
  Result run(Input input);
}
