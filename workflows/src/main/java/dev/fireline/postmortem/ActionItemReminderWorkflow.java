package dev.fireline.postmortem;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.LocalDate;

/**
 * One long-running execution, id {@value #WORKFLOW_ID}: at the start of every business day (the
 * business calendar's {@code dayStart} in its zone) each owner of open or in-progress action items
 * that are overdue or due within one business day gets one reminder listing them. Timers and
 * continue-as-new, because the embedded Temporal service has no Schedules.
 */
@WorkflowInterface
public interface ActionItemReminderWorkflow {
  String TASK_QUEUE = dev.fireline.incident.IncidentWorkflow.TASK_QUEUE;
  String WORKFLOW_ID = "action-item-reminders";

  /** {@code lastDay}: the last business day reminded (carried over continue-as-new), or null. */
  record Input(LocalDate lastDay) {}

  @WorkflowMethod
  void run(Input input);
}
