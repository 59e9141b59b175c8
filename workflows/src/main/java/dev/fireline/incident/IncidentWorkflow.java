package dev.fireline.incident;

import dev.fireline.incident.Commands.Acknowledge;
import dev.fireline.incident.Commands.AddNote;
import dev.fireline.incident.Commands.AlertEvent;
import dev.fireline.incident.Commands.AssignRole;
import dev.fireline.incident.Commands.ChangeSeverity;
import dev.fireline.incident.Commands.EditPostmortem;
import dev.fireline.incident.Commands.EscalateNow;
import dev.fireline.incident.Commands.PostStatusUpdate;
import dev.fireline.incident.Commands.PublishPostmortem;
import dev.fireline.incident.Commands.Resolve;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One execution per incident, id {@code INC-<number>}. Human actions are Updates (validated,
 * answered with the new state); alert events are Signals; the state is a Query.
 */
@WorkflowInterface
public interface IncidentWorkflow {
  String TASK_QUEUE = "fireline-incidents";

  @WorkflowMethod
  IncidentSnapshot run(IncidentInput input);

  @QueryMethod
  IncidentSnapshot snapshot();

  @UpdateMethod
  IncidentSnapshot acknowledge(Acknowledge command);

  @UpdateValidatorMethod(updateName = "acknowledge")
  void validateAcknowledge(Acknowledge command);

  @UpdateMethod
  IncidentSnapshot escalateNow(EscalateNow command);

  @UpdateValidatorMethod(updateName = "escalateNow")
  void validateEscalateNow(EscalateNow command);

  @UpdateMethod
  IncidentSnapshot resolve(Resolve command);

  @UpdateValidatorMethod(updateName = "resolve")
  void validateResolve(Resolve command);

  @UpdateMethod
  IncidentSnapshot postStatusUpdate(PostStatusUpdate command);

  @UpdateValidatorMethod(updateName = "postStatusUpdate")
  void validatePostStatusUpdate(PostStatusUpdate command);

  @UpdateMethod
  IncidentSnapshot changeSeverity(ChangeSeverity command);

  @UpdateValidatorMethod(updateName = "changeSeverity")
  void validateChangeSeverity(ChangeSeverity command);

  @UpdateMethod
  IncidentSnapshot assignRole(AssignRole command);

  @UpdateValidatorMethod(updateName = "assignRole")
  void validateAssignRole(AssignRole command);

  @UpdateMethod
  IncidentSnapshot editPostmortem(EditPostmortem command);

  @UpdateValidatorMethod(updateName = "editPostmortem")
  void validateEditPostmortem(EditPostmortem command);

  @UpdateMethod
  IncidentSnapshot publishPostmortem(PublishPostmortem command);

  @UpdateValidatorMethod(updateName = "publishPostmortem")
  void validatePublishPostmortem(PublishPostmortem command);

  @UpdateMethod
  IncidentSnapshot addNote(AddNote command);

  @UpdateValidatorMethod(updateName = "addNote")
  void validateAddNote(AddNote command);

  @UpdateMethod
  IncidentSnapshot snooze(Commands.Snooze command);

  @UpdateValidatorMethod(updateName = "snooze")
  void validateSnooze(Commands.Snooze command);

  @UpdateMethod
  IncidentSnapshot reassign(Commands.Reassign command);

  @UpdateValidatorMethod(updateName = "reassign")
  void validateReassign(Commands.Reassign command);

  @UpdateMethod
  IncidentSnapshot addResponders(Commands.AddResponders command);

  @UpdateValidatorMethod(updateName = "addResponders")
  void validateAddResponders(Commands.AddResponders command);

  /** Answers once the merge is done (closed, {@code responding.mergedInto}) or failed. */
  @UpdateMethod
  IncidentSnapshot mergeInto(Commands.MergeInto command);

  @UpdateValidatorMethod(updateName = "mergeInto")
  void validateMergeInto(Commands.MergeInto command);

  /** Another incident was merged into this one. */
  @SignalMethod
  void incidentMerged(Commands.MergedIncident merged);

  @SignalMethod
  void alertFired(AlertEvent event);

  @SignalMethod
  void alertResolved(AlertEvent event);
}
