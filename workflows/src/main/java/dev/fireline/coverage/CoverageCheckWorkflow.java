package dev.fireline.coverage;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.LocalDate;

/**
 * One long-running execution, id {@value #WORKFLOW_ID}: every day at the business calendar's {@code
 * dayStart} (in its zone) every schedule and escalation policy is checked for the next {@value
 * CoverageCheckActivities#DAYS_AHEAD} days — hours with nobody on call, people on call who cannot
 * be reached, policy levels that page nobody — and the team leads hear of each gap once. Timers and
 * continue-as-new, because the embedded Temporal service has no Schedules.
 */
@WorkflowInterface
public interface CoverageCheckWorkflow {
  String TASK_QUEUE = dev.fireline.incident.IncidentWorkflow.TASK_QUEUE;
  String WORKFLOW_ID = "coverage-check";

  /** {@code lastDay}: the last day checked (carried over continue-as-new), or null. */
  record Input(LocalDate lastDay) {}

  @WorkflowMethod
  void run(Input input);
}
