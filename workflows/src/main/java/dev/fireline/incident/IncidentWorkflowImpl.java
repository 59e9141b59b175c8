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
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Instant;

/**
 * The life of one incident. A single loop handles every deadline that is due, saves the read model,
 * then sleeps on one timer until the next deadline or until a handler changes something. Sends and
 * saves run asynchronously so a slow provider or database never holds up the escalation clock.
 *
 * <p>The steps are collaborators of their own: {@link Paging} (escalation and the reached-nobody
 * alarm) and {@link Reminders}, called by {@link DueDeadlines}, send through {@link Deliveries};
 * {@link Announcing}, {@link WarRoomFollower}, {@link ReadModel} and {@link
 * SearchAttributesPublisher} keep the world outside following the incident; {@link DeadlineTimer}
 * sleeps; {@link ContinueAsNew} keeps the history short. The state and its rules are the plain
 * {@link Incident}, its deadlines {@link Deadlines}.
 */
public class IncidentWorkflowImpl implements IncidentWorkflow {
  private final Incident incident;
  private final WarRoomFollower warRoom;
  private final ReadModel readModel;
  private final SearchAttributesPublisher searchAttributes;
  private final DeadlineTimer timer;
  private final Merging merging;
  private final ContinueAsNew continueAsNew;

  /** Bumped by every handler and every finished activity: it wakes the main loop. */
  private int changes;

  // Made at the start of run(): what they do depends on the run's Workflow.getVersion answers.
  private Deliveries deliveries;
  private Paging paging;
  private DueDeadlines dueDeadlines;
  private Announcing announcing;

  @WorkflowInit
  public IncidentWorkflowImpl(IncidentInput input) {
    WorkflowSettings settings =
        input.settings() != null ? input.settings() : WorkflowSettings.defaults(false);
    this.incident =
        input.carried() == null
            ? Incident.declare(input.declaration(), now())
            : Incident.restore(input.declaration(), input.carried());
    this.warRoom = new WarRoomFollower(incident, () -> changes++);
    this.readModel = new ReadModel(incident, () -> changes++);
    this.searchAttributes = new SearchAttributesPublisher(incident, settings.searchAttributes());
    this.timer = new DeadlineTimer(incident, () -> changes);
    this.merging = new Merging(incident);
    this.continueAsNew = new ContinueAsNew(incident, settings);
  }

  @Override
  public IncidentSnapshot run(IncidentInput input) {
    start(input);
    while (true) {
      paging.followSeverityWithEscalation();
      paging.releaseHeldPagesIfUrgent();
      paging.alarmIfNobodyReached();
      merging.mergeIfRequested();
      dueDeadlines.handle();
      announcing.announceNewEvents();
      warRoom.follow();
      readModel.saveIfChanged();
      searchAttributes.publish();
      Workflow.setCurrentDetails(CurrentDetails.of(incident));
      if (incident.stage() == Stage.CLOSED && settled()) {
        return incident.snapshot();
      }
      if (continueAsNew.due() && settled() && Workflow.isEveryHandlerFinished()) {
        continueAsNew.now();
      }
      timer.sleepUntilNextDeadlineOrChange();
    }
  }

  /**
   * Asks which guarded changes this run has (first thing, in this order: where every recorded
   * history has their markers), makes the collaborators whose behaviour depends on the answers,
   * then loads the policies of a new incident.
   */
  private void start(IncidentInput input) {
    boolean communicates =
        Workflow.getVersion("announcements-and-page-fallback", Workflow.DEFAULT_VERSION, 1) == 1;
    boolean emergencies =
        Workflow.getVersion("reached-nobody-is-an-emergency", Workflow.DEFAULT_VERSION, 1) == 1;
    // Runs recorded before it never re-triggered an acknowledged incident left without updates.
    incident.ackTimeouts(Workflow.getVersion("ack-timeout", Workflow.DEFAULT_VERSION, 1) == 1);
    LevelWatch levelWatch = new LevelWatch();
    deliveries = new Deliveries(incident, () -> changes++, communicates, levelWatch);
    paging = new Paging(incident, deliveries, levelWatch, emergencies);
    dueDeadlines = new DueDeadlines(incident, paging, new Reminders(incident, deliveries));
    // A continued run starts with everything before it announced.
    announcing =
        new Announcing(
            incident,
            () -> changes++,
            communicates,
            input.carried() == null ? 0 : incident.timeline().size());
    paging.loadPolicies();
  }

  /** Nothing under way: the incident may close or continue as new without losing work. */
  private boolean settled() {
    return readModel.upToDate() && !deliveries.busy() && !announcing.busy() && !warRoom.busy();
  }

  // ---- updates, signals, query (the rules are Incident's and UpdateChecks')

  @Override
  public IncidentSnapshot snapshot() {
    return incident.snapshot();
  }

  @Override
  public void validateAcknowledge(Acknowledge command) {
    UpdateChecks.acknowledge(incident, command);
  }

  @Override
  public IncidentSnapshot acknowledge(Acknowledge command) {
    return change(() -> incident.acknowledge(command.by(), now(), ""));
  }

  @Override
  public void validateEscalateNow(EscalateNow command) {
    UpdateChecks.escalateNow(incident, command);
  }

  @Override
  public IncidentSnapshot escalateNow(EscalateNow command) {
    return change(() -> incident.escalateNow(command.by(), now()));
  }

  @Override
  public void validateResolve(Resolve command) {
    UpdateChecks.resolve(incident, command);
  }

  @Override
  public IncidentSnapshot resolve(Resolve command) {
    return change(
        () ->
            resolve(
                command.by(), command.summary(), true, Boolean.TRUE.equals(command.postmortem())));
  }

  @Override
  public void validatePostStatusUpdate(PostStatusUpdate command) {
    UpdateChecks.postStatusUpdate(incident, command);
  }

  @Override
  public IncidentSnapshot postStatusUpdate(PostStatusUpdate command) {
    return change(() -> incident.postStatusUpdate(command, now()));
  }

  @Override
  public void validateChangeSeverity(ChangeSeverity command) {
    UpdateChecks.changeSeverity(incident, command);
  }

  @Override
  public IncidentSnapshot changeSeverity(ChangeSeverity command) {
    return change(() -> incident.changeSeverity(command.severity(), command.by(), now()));
  }

  @Override
  public void validateAssignRole(AssignRole command) {
    UpdateChecks.assignRole(incident, command);
  }

  @Override
  public IncidentSnapshot assignRole(AssignRole command) {
    return change(() -> incident.assignRole(command.role(), command.person(), command.by(), now()));
  }

  @Override
  public void validateEditPostmortem(EditPostmortem command) {
    UpdateChecks.editPostmortem(incident, command);
  }

  @Override
  public IncidentSnapshot editPostmortem(EditPostmortem command) {
    return change(() -> incident.editPostmortem(command, now()));
  }

  @Override
  public void validatePublishPostmortem(PublishPostmortem command) {
    UpdateChecks.publishPostmortem(incident, command);
  }

  @Override
  public IncidentSnapshot publishPostmortem(PublishPostmortem command) {
    return change(() -> incident.publishPostmortem(command.by(), now()));
  }

  @Override
  public void validateAddNote(AddNote command) {
    UpdateChecks.addNote(incident, command);
  }

  @Override
  public IncidentSnapshot addNote(AddNote command) {
    return change(
        () -> incident.addNote(command.by(), command.text().strip(), command.ref(), now()));
  }

  @Override
  public void validateSnooze(Commands.Snooze command) {
    UpdateChecks.snooze(incident, command);
  }

  @Override
  public IncidentSnapshot snooze(Commands.Snooze command) {
    return change(() -> incident.snooze(command.by(), command.duration(), now()));
  }

  @Override
  public void validateReassign(Commands.Reassign command) {
    UpdateChecks.reassign(incident, command);
  }

  @Override
  public IncidentSnapshot reassign(Commands.Reassign command) {
    return change(() -> paging.reassign(command.to().strip(), command.by()));
  }

  @Override
  public void validateAddResponders(Commands.AddResponders command) {
    UpdateChecks.addResponders(incident, command);
  }

  @Override
  public IncidentSnapshot addResponders(Commands.AddResponders command) {
    return change(
        () ->
            paging.addResponders(
                command.people().stream().map(String::strip).distinct().toList(),
                command.by(),
                command.message()));
  }

  @Override
  public void validateMergeInto(Commands.MergeInto command) {
    UpdateChecks.mergeInto(incident, command);
  }

  @Override
  public IncidentSnapshot mergeInto(Commands.MergeInto command) {
    change(() -> merging.request(command.into().strip(), command.by()));
    Workflow.await(merging::settled);
    return incident.snapshot();
  }

  @Override
  public void incidentMerged(Commands.MergedIncident merged) {
    incident.absorb(merged, now());
    changes++;
  }

  @Override
  public void alertFired(AlertEvent event) {
    changeIfOpen(() -> incident.alertFired(event, now()));
  }

  @Override
  public void alertResolved(AlertEvent event) {
    Workflow.await(() -> incident.policies() != null);
    changeIfOpen(
        () -> {
          incident.alertResolvedAtSource(event, now());
          if (event.autoResolve()) {
            resolve(event.source(), "resolved at source: " + event.summary(), false, false);
          }
        });
  }

  private void resolve(String by, String summary, boolean byPerson, boolean postmortemAsked) {
    incident.resolve(by, summary, now(), byPerson, postmortemAsked);
    draftPostmortem();
  }

  /** A postmortem starts as a draft of what the incident knows (runs from before: empty). */
  private void draftPostmortem() {
    if (incident.postmortem() != null
        && Workflow.getVersion("postmortem-draft", Workflow.DEFAULT_VERSION, 1) == 1) {
      incident.draftPostmortem();
    }
  }

  private IncidentSnapshot change(Runnable change) {
    // Policies arrive in the first moments of the run; a change may need them (a postmortem due
    // date).
    Workflow.await(() -> incident.policies() != null);
    change.run();
    changes++;
    return incident.snapshot();
  }

  /** Alert events change an open incident only (nothing waits on the signal's result). */
  private void changeIfOpen(Runnable change) {
    if (incident.stage().isOpen()) {
      change.run();
      changes++;
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
