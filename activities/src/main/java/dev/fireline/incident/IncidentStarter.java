package dev.fireline.incident;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;

/** Starts an incident's workflow (id {@code INC-<number>}), readable in Temporal UI. */
public class IncidentStarter {
  private final WorkflowClient client;
  private final WorkflowSettings settings;
  private final boolean eagerStart;

  public IncidentStarter(WorkflowClient client, WorkflowSettings settings) {
    this(client, settings, false);
  }

  /**
   * @param eagerStart ask Temporal to hand the incident's first workflow task back with the start's
   *     answer, to a worker of this process that has a free slot (eager workflow start): the first
   *     page goes out without a round trip through Temporal's task queue. Without a worker in this
   *     process (a separate api) the SDK does not ask, and the start is an ordinary one.
   */
  public IncidentStarter(WorkflowClient client, WorkflowSettings settings, boolean eagerStart) {
    this.client = client;
    this.settings = settings;
    this.eagerStart = eagerStart;
  }

  /** Starts it; starting one that already runs is harmless (a retried start of an alert). */
  public IncidentWorkflow start(IncidentDeclaration declaration) {
    IncidentWorkflow workflow =
        client.newWorkflowStub(IncidentWorkflow.class, options(declaration));
    try {
      WorkflowClient.start(workflow::run, IncidentInput.declare(declaration, settings));
    } catch (WorkflowExecutionAlreadyStarted alreadyRunning) {
      // The workflow id is the incident number: it is this incident, started before.
    }
    return workflow;
  }

  private WorkflowOptions options(IncidentDeclaration declaration) {
    SearchAttributes.Builder attributes = SearchAttributes.newBuilder();
    if (settings.searchAttributes()) {
      attributes
          .set(IncidentSearchAttributes.SEVERITY, declaration.severity().name())
          .set(IncidentSearchAttributes.STAGE, Stage.TRIGGERED.name())
          .set(IncidentSearchAttributes.SERVICE, declaration.service());
    }
    return WorkflowOptions.newBuilder()
        .setWorkflowId(declaration.key())
        .setTaskQueue(IncidentWorkflow.TASK_QUEUE)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
        .setTypedSearchAttributes(attributes.build())
        .setDisableEagerExecution(!eagerStart)
        .setStaticSummary(
            declaration.key()
                + " · "
                + declaration.severity()
                + " · "
                + declaration.service()
                + ": "
                + declaration.title())
        .setStaticDetails(
            declaration.description() == null || declaration.description().isBlank()
                ? "Declared by " + declaration.declaredBy()
                : declaration.description() + "\n\nDeclared by " + declaration.declaredBy())
        .build();
  }
}
