package dev.fireline.incident;

import dev.fireline.policy.IncidentPolicies;
import dev.fireline.policy.SeverityPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The whole state of one incident: what the Query returns, what continue-as-new carries and what
 * the read model stores. {@code version} grows by one with every change.
 */
public record IncidentSnapshot(
    long number,
    String key,
    String title,
    String description,
    String service,
    Severity severity,
    Stage stage,
    String dedupKey,
    String declaredBy,
    Instant declaredAt,
    Instant acknowledgedAt,
    String acknowledgedBy,
    Instant resolvedAt,
    String resolvedBy,
    String resolutionSummary,
    Map<Role, String> roles,
    Escalation escalation,
    List<PendingPage> pendingPages,
    Targets targets,
    AlertActivity alerts,
    List<StatusUpdate> statusUpdates,
    Postmortem postmortem,
    List<TimelineEvent> timeline,
    IncidentPolicies policies,
    WarRoomState warRoom,
    Responding responding,
    long version) {

  public SeverityPolicy severityPolicy() {
    return policies == null ? null : policies.severity(severity);
  }

  /**
   * Progress through the escalation policy. {@code nextAt} is when the next level is paged; null
   * once escalation stopped (acknowledged, resolved) or ran out of levels and repeats.
   */
  public record Escalation(String policy, int pass, int level, Instant nextAt, boolean exhausted) {}

  /** A page to send later: a personal notification rule such as "call me after 2 minutes". */
  /**
   * @param held a low-urgency phone page kept for the person's working hours: sent at once should
   *     the incident become high urgency
   */
  public record PendingPage(
      Instant at, dev.fireline.notify.Notification notification, String reason, boolean held) {

    public PendingPage(Instant at, dev.fireline.notify.Notification notification, String reason) {
      this(at, notification, reason, false);
    }
  }

  /** Which response targets were already missed or reminded of. */
  public record Targets(
      boolean ackTargetMissed, boolean resolutionTargetMissed, Instant lastCadenceReminderAt) {}

  /** Alerts from the source that opened the incident. */
  public record AlertActivity(int occurrences, Instant lastFiredAt, boolean resolvedAtSource) {}

  public record StatusUpdate(
      Instant at, Stage status, String message, boolean publicUpdate, String by) {}

  public enum PostmortemStatus {
    DRAFT,
    IN_REVIEW,
    PUBLISHED
  }

  public record Postmortem(
      PostmortemStatus status,
      String owner,
      LocalDate dueDate,
      String content,
      Instant updatedAt,
      String updatedBy,
      Instant publishedAt,
      Instant lastReminderAt) {}

  public record TimelineEvent(int seq, Instant at, String type, String actor, String message) {}

  /**
   * What responders did to the incident's paging besides acknowledging it (null in incidents from
   * before these existed: read as {@link #NOT_RESPONDING}).
   *
   * @param snoozedUntil an acknowledged incident returns to triggered and pages again then
   * @param retriggers how often it returned to triggered (snooze ended, acknowledgement timeout,
   *     reassigned); pages of a later round are new pages, not repeats of the first
   * @param mergingInto the incident it is being merged into, while that is under way
   * @param mergedInto the incident it was merged into (it closed then)
   * @param mergedFrom the incidents merged into this one
   */
  public record Responding(
      Instant snoozedUntil,
      int retriggers,
      String mergingInto,
      String mergedInto,
      List<String> mergedFrom) {

    public Responding {
      mergedFrom = mergedFrom == null ? List.of() : List.copyOf(mergedFrom);
    }
  }

  public static final Responding NOT_RESPONDING = new Responding(null, 0, null, null, List.of());

  /**
   * The incident's Slack channel and how much of the timeline it has been told.
   *
   * @param channelId null until the channel exists
   * @param postedThrough timeline events before this index were posted to the channel
   * @param noteRefs the Slack messages (channel/ts) already added to the timeline as notes
   */
  public record WarRoomState(
      String channelId,
      String channelName,
      boolean archived,
      int postedThrough,
      List<String> noteRefs) {

    public WarRoomState {
      noteRefs = noteRefs == null ? List.of() : List.copyOf(noteRefs);
    }
  }
}
