package dev.fireline.incident;

import dev.fireline.incident.IncidentSnapshot.AlertActivity;
import dev.fireline.incident.IncidentSnapshot.Escalation;
import dev.fireline.incident.IncidentSnapshot.PendingPage;
import dev.fireline.incident.IncidentSnapshot.Postmortem;
import dev.fireline.incident.IncidentSnapshot.PostmortemStatus;
import dev.fireline.incident.IncidentSnapshot.StatusUpdate;
import dev.fireline.incident.IncidentSnapshot.Targets;
import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import dev.fireline.policy.BusinessCalendar;
import dev.fireline.policy.IncidentPolicies;
import dev.fireline.policy.SeverityPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The incident's state inside its workflow, and the rules of how it changes. Pure: time comes in as
 * arguments, nothing here talks to the outside world.
 */
final class Incident {
  /** Alert re-fires beyond this many are counted, not written to the timeline one by one. */
  static final int ALERT_EVENTS_ON_TIMELINE = 20;

  /** When a severity needs no postmortem but one is asked for. */
  static final int OPTIONAL_POSTMORTEM_DUE_BUSINESS_DAYS = 10;

  private final IncidentDeclaration declaration;
  private final Instant declaredAt;
  private Severity severity;
  private Stage stage;
  private Instant acknowledgedAt;
  private String acknowledgedBy;
  private Instant resolvedAt;
  private String resolvedBy;
  private String resolutionSummary;
  private final Map<Role, String> roles;
  private Escalation escalation;
  private final List<PendingPage> pendingPages;
  private Targets targets;
  private AlertActivity alerts;
  private final List<StatusUpdate> statusUpdates;
  private Postmortem postmortem;
  private final List<TimelineEvent> timeline;
  private IncidentPolicies policies;
  private IncidentSnapshot.WarRoomState warRoom;

  /**
   * Whether an acknowledged incident left without updates pages again (the severity's ack timeout):
   * a run-level setting (Workflow.getVersion "ack-timeout"), not carried over.
   */
  private boolean ackTimeouts;

  /** Null until a responder snoozes, reassigns or merges (and in incidents from before). */
  private IncidentSnapshot.Responding responding;

  private long version;

  private Incident(IncidentDeclaration declaration, IncidentSnapshot s) {
    this.declaration = declaration;
    this.declaredAt = s.declaredAt();
    this.severity = s.severity();
    this.stage = s.stage();
    this.acknowledgedAt = s.acknowledgedAt();
    this.acknowledgedBy = s.acknowledgedBy();
    this.resolvedAt = s.resolvedAt();
    this.resolvedBy = s.resolvedBy();
    this.resolutionSummary = s.resolutionSummary();
    this.roles = new EnumMap<>(Role.class);
    this.roles.putAll(s.roles());
    this.escalation = s.escalation();
    this.pendingPages = new ArrayList<>(s.pendingPages());
    this.targets = s.targets();
    this.alerts = s.alerts();
    this.statusUpdates = new ArrayList<>(s.statusUpdates());
    this.postmortem = s.postmortem();
    this.timeline = new ArrayList<>(s.timeline());
    this.policies = s.policies();
    this.warRoom = s.warRoom();
    this.responding = s.responding();
    this.version = s.version();
  }

  static Incident declare(IncidentDeclaration d, Instant now) {
    IncidentSnapshot initial =
        new IncidentSnapshot(
            d.number(),
            d.key(),
            d.title(),
            d.description(),
            d.service(),
            d.severity(),
            Stage.TRIGGERED,
            d.dedupKey(),
            d.declaredBy(),
            now,
            null,
            null,
            null,
            null,
            null,
            Map.of(),
            null,
            List.of(),
            new Targets(false, false, null),
            new AlertActivity(0, null, false),
            List.of(),
            null,
            List.of(),
            null,
            null,
            null,
            0);
    Incident incident = new Incident(d, initial);
    incident.record(
        now,
        "declared",
        d.declaredBy(),
        d.severity() + " declared on " + d.service() + ": " + d.title());
    return incident;
  }

  static Incident restore(IncidentDeclaration declaration, IncidentSnapshot snapshot) {
    return new Incident(declaration, snapshot);
  }

  IncidentSnapshot snapshot() {
    return new IncidentSnapshot(
        declaration.number(),
        declaration.key(),
        declaration.title(),
        declaration.description(),
        declaration.service(),
        severity,
        stage,
        declaration.dedupKey(),
        declaration.declaredBy(),
        declaredAt,
        acknowledgedAt,
        acknowledgedBy,
        resolvedAt,
        resolvedBy,
        resolutionSummary,
        Map.copyOf(roles),
        escalation,
        List.copyOf(pendingPages),
        targets,
        alerts,
        List.copyOf(statusUpdates),
        postmortem,
        List.copyOf(timeline),
        policies,
        warRoom,
        responding,
        version);
  }

  // ---- reading

  IncidentDeclaration declaration() {
    return declaration;
  }

  String key() {
    return declaration.key();
  }

  Stage stage() {
    return stage;
  }

  Severity severity() {
    return severity;
  }

  Instant declaredAt() {
    return declaredAt;
  }

  String acknowledgedBy() {
    return acknowledgedBy;
  }

  Instant resolvedAt() {
    return resolvedAt;
  }

  String resolvedBy() {
    return resolvedBy;
  }

  String role(Role role) {
    return roles.get(role);
  }

  Escalation escalation() {
    return escalation;
  }

  List<PendingPage> pendingPages() {
    return pendingPages;
  }

  Targets targets() {
    return targets;
  }

  List<TimelineEvent> timeline() {
    return timeline;
  }

  List<StatusUpdate> statusUpdates() {
    return statusUpdates;
  }

  Postmortem postmortem() {
    return postmortem;
  }

  IncidentPolicies policies() {
    return policies;
  }

  SeverityPolicy severityPolicy() {
    return policies.severity(severity);
  }

  BusinessCalendar calendar() {
    return policies.calendar();
  }

  long version() {
    return version;
  }

  IncidentSnapshot.WarRoomState warRoom() {
    return warRoom;
  }

  IncidentSnapshot.Responding responding() {
    return responding == null ? IncidentSnapshot.NOT_RESPONDING : responding;
  }

  Instant acknowledgedAt() {
    return acknowledgedAt;
  }

  /**
   * How hard it pages: as declared (a routing rule may say) until someone changes the severity,
   * then as the severity's policy says.
   */
  dev.fireline.policy.Urgency urgency() {
    if (declaration.urgency() != null && severity == declaration.severity()) {
      return declaration.urgency();
    }
    return severityPolicy().effectiveUrgency();
  }

  /** High urgency now: pages held for working hours go out at once. False when none was held. */
  boolean releaseHeldPages(Instant now) {
    List<PendingPage> held = pendingPages.stream().filter(PendingPage::held).toList();
    if (held.isEmpty()) {
      return false;
    }
    pendingPages.removeAll(held);
    held.forEach(
        p ->
            pendingPages.add(
                new PendingPage(
                    now, p.notification(), p.reason() + ", sent now: high urgency", false)));
    record(
        now,
        "held_pages_released",
        null,
        held.size()
            + " page(s) held for working hours go "
            + "out now: the incident is high urgency");
    return true;
  }

  boolean ackTimeouts() {
    return ackTimeouts;
  }

  void ackTimeouts(boolean on) {
    this.ackTimeouts = on;
  }

  /**
   * Who hears about missed status updates: the commander, else the comms lead, else the
   * acknowledger.
   */
  String communicationOwner() {
    if (roles.containsKey(Role.COMMANDER)) {
      return roles.get(Role.COMMANDER);
    }
    if (roles.containsKey(Role.COMMS)) {
      return roles.get(Role.COMMS);
    }
    return acknowledgedBy;
  }

  // ---- validation (used by update validators: they throw, nothing changes)

  void checkOpen(String action) {
    if (!stage.isOpen()) {
      String state = stage == Stage.CLOSED ? "closed" : "already resolved";
      throw new IllegalStateException(key() + " is " + state + "; it cannot be " + action);
    }
  }

  void checkNotClosed(String action) {
    if (stage == Stage.CLOSED) {
      throw new IllegalStateException(key() + " is closed; it cannot be " + action);
    }
  }

  void checkPostmortemEditable() {
    if (stage != Stage.POSTMORTEM || postmortem == null) {
      throw new IllegalStateException(
          key() + " has no postmortem in progress (stage " + stage.name().toLowerCase() + ")");
    }
  }

  // ---- changes

  void startEscalation(IncidentPolicies policies) {
    this.policies = policies;
    this.escalation = new Escalation(policies.escalation().name(), 0, 0, declaredAt, false);
    touch();
  }

  /**
   * Another severity's policies apply (its escalation variant). Escalation keeps its place, on the
   * last level when the new policy has fewer.
   */
  void replacePolicies(IncidentPolicies fresh, Instant now) {
    String before = policies.escalation().name();
    policies = fresh;
    int levels = fresh.escalation().levels().size();
    if (escalation != null && levels > 0 && escalation.level() >= levels) {
      escalation =
          new Escalation(
              fresh.escalation().name(),
              escalation.pass(),
              levels - 1,
              escalation.nextAt(),
              escalation.exhausted());
    }
    if (!before.equals(fresh.escalation().name())) {
      record(
          now,
          "escalation_policy_changed",
          null,
          "Escalation now follows " + fresh.escalation().name() + " (was " + before + ")");
    } else {
      touch();
    }
  }

  void escalated(Escalation next) {
    this.escalation = next;
    touch();
  }

  void addPendingPage(PendingPage page) {
    pendingPages.add(page);
    touch();
  }

  void removePendingPage(PendingPage page) {
    pendingPages.remove(page);
    touch();
  }

  void checkCanEscalateNow() {
    if (stage != Stage.TRIGGERED) {
      throw new IllegalStateException(
          key()
              + " is "
              + stage.name().toLowerCase()
              + "; only an unacknowledged incident escalates");
    }
    if (escalation == null || escalation.nextAt() == null) {
      throw new IllegalStateException(key() + " has no further escalation level");
    }
  }

  /**
   * The level paged last reached nobody: the next one is paged now, without waiting for its delay.
   * False when there is no next level.
   */
  boolean escalateAtOnce(Instant now) {
    if (stage != Stage.TRIGGERED || escalation == null || escalation.nextAt() == null) {
      return false;
    }
    escalation =
        new Escalation(
            escalation.policy(),
            escalation.pass(),
            escalation.level(),
            now,
            escalation.exhausted());
    touch();
    return true;
  }

  /**
   * The policy is exhausted and its last level reached nobody: it is paged again at {@code at}, as
   * a further pass (so its pages are new ones), until someone is reached or acknowledges.
   */
  boolean pageLastLevelAgain(int lastLevel, Instant at) {
    if (stage != Stage.TRIGGERED || escalation == null || escalation.nextAt() != null) {
      return false;
    }
    escalation = new Escalation(escalation.policy(), escalation.pass() + 1, lastLevel, at, false);
    touch();
    return true;
  }

  /** The next level is paged now instead of after its delay. */
  void escalateNow(String by, Instant now) {
    escalation =
        new Escalation(
            escalation.policy(),
            escalation.pass(),
            escalation.level(),
            now,
            escalation.exhausted());
    record(now, "escalate_now", by, by + " escalated now to level " + (escalation.level() + 1));
  }

  boolean acknowledge(String by, Instant now, String how) {
    if (stage != Stage.TRIGGERED) {
      return false;
    }
    stage = Stage.ACKNOWLEDGED;
    acknowledgedAt = now;
    acknowledgedBy = by;
    stopEscalation();
    record(now, "acknowledged", by, "Acknowledged by " + by + how);
    return true;
  }

  boolean resolve(String by, String summary, Instant now) {
    return resolve(by, summary, now, true, false);
  }

  boolean resolve(String by, String summary, Instant now, boolean byPerson) {
    return resolve(by, summary, now, byPerson, false);
  }

  /**
   * @param byPerson false when an alert source resolved it: the source cannot own the postmortem,
   *     so without a commander or acknowledger the policy's first level owns it
   */
  /**
   * @param postmortemAsked a postmortem although the severity needs none
   */
  boolean resolve(
      String by, String summary, Instant now, boolean byPerson, boolean postmortemAsked) {
    if (!stage.isOpen()) {
      return false;
    }
    stage = Stage.RESOLVED;
    resolvedAt = now;
    resolvedBy = by;
    if (responding().snoozedUntil() != null) {
      responding =
          with(
              null,
              responding().retriggers(),
              responding().mergingInto(),
              responding().mergedInto(),
              responding().mergedFrom());
    }
    resolutionSummary = summary;
    stopEscalation();
    record(
        now,
        "resolved",
        by,
        "Resolved by " + by + (summary == null || summary.isBlank() ? "" : ": " + summary));
    SeverityPolicy policy = severityPolicy();
    if (policy.postmortemRequired() || postmortemAsked) {
      int dueIn =
          policy.postmortemDueBusinessDays() > 0
              ? policy.postmortemDueBusinessDays()
              : OPTIONAL_POSTMORTEM_DUE_BUSINESS_DAYS;
      LocalDate due = calendar().plusBusinessDays(calendar().dateOf(now), dueIn);
      String owner =
          firstNonNull(
              roles.get(Role.COMMANDER), acknowledgedBy, byPerson ? by : firstLevelTarget());
      postmortem = new Postmortem(PostmortemStatus.DRAFT, owner, due, "", now, by, null, null);
      stage = Stage.POSTMORTEM;
      record(
          now,
          "postmortem_started",
          by,
          (policy.postmortemRequired()
                  ? severity + " requires a postmortem"
                  : "Postmortem requested by " + by)
              + ": owner "
              + owner
              + ", due "
              + due);
    } else {
      stage = Stage.CLOSED;
      record(now, "closed", by, "Closed: " + severity + " needs no postmortem");
    }
    return true;
  }

  void postStatusUpdate(Commands.PostStatusUpdate update, Instant now) {
    if (stage == Stage.TRIGGERED) {
      acknowledge(update.by(), now, " (with a status update)");
    }
    stage = update.status();
    statusUpdates.add(
        new StatusUpdate(
            now, update.status(), update.message(), update.publicUpdate(), update.by()));
    record(
        now,
        "status_update",
        update.by(),
        (update.publicUpdate() ? "Public" : "Internal")
            + " update, "
            + update.status().name().toLowerCase()
            + ": "
            + update.message());
  }

  boolean changeSeverity(Severity newSeverity, String by, Instant now) {
    if (newSeverity == severity) {
      return false;
    }
    Severity old = severity;
    severity = newSeverity;
    record(now, "severity_changed", by, "Severity " + old + " → " + newSeverity + " by " + by);
    return true;
  }

  boolean assignRole(Role role, String person, String by, Instant now) {
    if (person.equals(roles.get(role))) {
      return false;
    }
    roles.put(role, person);
    record(
        now,
        "role_assigned",
        by,
        person + " is " + role.name().toLowerCase() + " (set by " + by + ")");
    return true;
  }

  void editPostmortem(Commands.EditPostmortem edit, Instant now) {
    PostmortemStatus status = edit.status() == null ? postmortem.status() : edit.status();
    String content = edit.content() == null ? postmortem.content() : edit.content();
    if (status != postmortem.status()) {
      record(
          now,
          "postmortem_" + status.name().toLowerCase(),
          edit.by(),
          "Postmortem moved to "
              + status.name().toLowerCase().replace('_', ' ')
              + " by "
              + edit.by());
    }
    postmortem =
        new Postmortem(
            status,
            postmortem.owner(),
            postmortem.dueDate(),
            content,
            now,
            edit.by(),
            null,
            postmortem.lastReminderAt());
    touch();
  }

  /** Fills an empty postmortem with the draft generated from what the incident knows. */
  void draftPostmortem() {
    if (postmortem == null || !postmortem.content().isEmpty()) {
      return;
    }
    postmortem =
        new Postmortem(
            postmortem.status(),
            postmortem.owner(),
            postmortem.dueDate(),
            dev.fireline.postmortem.PostmortemDraft.markdown(snapshot()),
            postmortem.updatedAt(),
            postmortem.updatedBy(),
            postmortem.publishedAt(),
            postmortem.lastReminderAt());
    touch();
  }

  void publishPostmortem(String by, Instant now) {
    postmortem =
        new Postmortem(
            PostmortemStatus.PUBLISHED,
            postmortem.owner(),
            postmortem.dueDate(),
            postmortem.content(),
            now,
            by,
            now,
            postmortem.lastReminderAt());
    record(now, "postmortem_published", by, "Postmortem published by " + by);
    stage = Stage.CLOSED;
    record(now, "closed", by, "Closed");
  }

  void postmortemReminded(Instant at) {
    postmortem =
        new Postmortem(
            postmortem.status(),
            postmortem.owner(),
            postmortem.dueDate(),
            postmortem.content(),
            postmortem.updatedAt(),
            postmortem.updatedBy(),
            postmortem.publishedAt(),
            at);
    touch();
  }

  void ackTargetMissed(Instant now) {
    targets = new Targets(true, targets.resolutionTargetMissed(), targets.lastCadenceReminderAt());
    record(
        now,
        "ack_target_missed",
        null,
        severity + " acknowledgement target (" + severityPolicy().describeAckTarget() + ") missed");
  }

  void resolutionTargetMissed(Instant now) {
    targets = new Targets(targets.ackTargetMissed(), true, targets.lastCadenceReminderAt());
    record(
        now,
        "resolution_target_missed",
        null,
        severity
            + " resolution target ("
            + dev.fireline.policy.Durations.human(severityPolicy().resolveWithin())
            + ") missed");
  }

  void cadenceReminded(Instant now, String who) {
    targets = new Targets(targets.ackTargetMissed(), targets.resolutionTargetMissed(), now);
    record(
        now,
        "status_update_overdue",
        null,
        "No status update for "
            + dev.fireline.policy.Durations.human(severityPolicy().statusUpdateEvery())
            + (who == null
                ? "; nobody holds the commander or comms role to remind"
                : "; reminded " + who));
  }

  void alertFired(Commands.AlertEvent event, Instant now) {
    alerts = new AlertActivity(alerts.occurrences() + 1, now, false);
    if (alerts.occurrences() <= ALERT_EVENTS_ON_TIMELINE) {
      record(now, "alert_fired", event.source(), "Alert fired again: " + event.summary());
    } else {
      touch();
    }
  }

  void alertResolvedAtSource(Commands.AlertEvent event, Instant now) {
    alerts = new AlertActivity(alerts.occurrences(), alerts.lastFiredAt(), true);
    record(now, "alert_resolved", event.source(), "Resolved at source: " + event.summary());
  }

  // ---- responders: snooze, acknowledgement timeout, reassign, merge (rules in ResponderChecks)

  void snooze(String by, java.time.Duration duration, Instant now) {
    Instant until = now.plus(duration);
    responding =
        with(
            until,
            responding().retriggers(),
            responding().mergingInto(),
            responding().mergedInto(),
            responding().mergedFrom());
    record(
        now,
        "snoozed",
        by,
        "Snoozed by "
            + by
            + " for "
            + dev.fireline.policy.Durations.human(duration)
            + ": pages again at "
            + until
            + " unless resolved");
  }

  /**
   * Back to triggered (snooze ended, acknowledgement timeout, reassigned): unacknowledged, the
   * escalation starts over at its first level now, as a new round whose pages are new pages.
   */
  void retrigger(Instant now, String type, String by, String why) {
    stage = Stage.TRIGGERED;
    acknowledgedAt = null;
    acknowledgedBy = null;
    pendingPages.clear();
    responding =
        with(
            null,
            responding().retriggers() + 1,
            responding().mergingInto(),
            responding().mergedInto(),
            responding().mergedFrom());
    escalation = new Escalation(policies.escalation().name(), 0, 0, now, false);
    record(
        now,
        type,
        by,
        why + "; back to triggered, paging level 1 of " + policies.escalation().name() + " again");
  }

  /** Escalation follows {@code policy} from now on, starting at its first level. */
  void reassign(dev.fireline.policy.EscalationPolicy policy, String to, String by, Instant now) {
    policies =
        new IncidentPolicies(
            policies.severities(),
            policy,
            policies.calendar(),
            policies.postmortemLeadAfterOverdueDays(),
            policies.warRoomSeverities());
    retrigger(now, "reassigned", by, "Reassigned to " + to + " by " + by);
  }

  void mergeRequested(String into, String by, Instant now) {
    stopEscalation();
    responding = with(null, responding().retriggers(), into, null, responding().mergedFrom());
    record(now, "merging", by, "Merging into " + into + " (by " + by + ")");
  }

  /** The merge is done: this incident closes, its alerts and pages belong to the other now. */
  void merged(String by, Instant now) {
    String into = responding().mergingInto();
    responding = with(null, responding().retriggers(), null, into, responding().mergedFrom());
    stage = Stage.CLOSED;
    record(
        now,
        "merged",
        by,
        "Merged into " + into + " by " + by + ": its alerts, pages and timeline are there now");
  }

  /** The other incident could not take this one: it carries on where it was. */
  void mergeFailed(String why, Instant now) {
    String into = responding().mergingInto();
    responding = with(null, responding().retriggers(), null, null, responding().mergedFrom());
    if (stage == Stage.TRIGGERED && escalation != null && !escalation.exhausted()) {
      escalation =
          new Escalation(escalation.policy(), escalation.pass(), escalation.level(), now, false);
    }
    record(now, "merge_failed", null, "Not merged into " + into + ": " + why);
  }

  /** Another incident merged into this one: its timeline follows, marked with its key. */
  void absorb(Commands.MergedIncident merged, Instant now) {
    if (responding().mergedFrom().contains(merged.key())) {
      return; // told twice (a retried signal)
    }
    List<String> from = new ArrayList<>(responding().mergedFrom());
    from.add(merged.key());
    responding =
        with(
            responding().snoozedUntil(),
            responding().retriggers(),
            responding().mergingInto(),
            responding().mergedInto(),
            from);
    record(
        now,
        "merged_in",
        merged.by(),
        merged.key() + " (" + merged.title() + ") was merged into this incident by " + merged.by());
    for (TimelineEvent event : merged.timeline()) {
      timeline.add(
          new TimelineEvent(
              timeline.size() + 1,
              event.at(),
              event.type(),
              event.actor(),
              "[" + merged.key() + "] " + event.message()));
    }
    touch();
  }

  private IncidentSnapshot.Responding with(
      Instant snoozedUntil,
      int retriggers,
      String mergingInto,
      String mergedInto,
      List<String> mergedFrom) {
    return new IncidentSnapshot.Responding(
        snoozedUntil, retriggers, mergingInto, mergedInto, mergedFrom);
  }

  /** A note for the timeline (a message from the war room); {@code ref} names it once. */
  void checkNote(String ref) {
    checkNotClosed("noted");
    if (ref != null && warRoom != null && warRoom.noteRefs().contains(ref)) {
      throw new IllegalStateException("That message is on " + key() + "'s timeline already");
    }
  }

  void addNote(String by, String text, String ref, Instant now) {
    if (ref != null) {
      IncidentSnapshot.WarRoomState room =
          warRoom != null
              ? warRoom
              : new IncidentSnapshot.WarRoomState(null, null, false, 0, List.of());
      List<String> refs = new ArrayList<>(room.noteRefs());
      refs.add(ref);
      warRoom =
          new IncidentSnapshot.WarRoomState(
              room.channelId(), room.channelName(), room.archived(), room.postedThrough(), refs);
    }
    record(now, "note", by, text);
  }

  /** What the war room activity reported, and how far the timeline was posted. */
  void warRoomSynced(dev.fireline.warroom.WarRoom room, int postedThrough) {
    List<String> refs = warRoom == null ? List.of() : warRoom.noteRefs();
    warRoom =
        new IncidentSnapshot.WarRoomState(
            room.channelId(), room.channelName(), room.archived(), postedThrough, refs);
  }

  void record(Instant at, String type, String actor, String message) {
    timeline.add(new TimelineEvent(timeline.size() + 1, at, type, actor, message));
    touch();
  }

  private String firstLevelTarget() {
    List<dev.fireline.policy.EscalationPolicy.Level> levels = policies.escalation().levels();
    return levels.isEmpty() || levels.get(0).targets().isEmpty()
        ? null
        : levels.get(0).targets().get(0);
  }

  private void stopEscalation() {
    pendingPages.clear();
    if (escalation != null && escalation.nextAt() != null) {
      escalation =
          new Escalation(
              escalation.policy(),
              escalation.pass(),
              escalation.level(),
              null,
              escalation.exhausted());
    }
  }

  private void touch() {
    version++;
  }

  private static String firstNonNull(String... values) {
    for (String value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
