package dev.fireline.incident;

import dev.fireline.incident.IncidentSnapshot.StatusUpdate;
import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import dev.fireline.incident.IncidentSnapshot.WarRoomState;
import dev.fireline.warroom.WarRoom;
import dev.fireline.warroom.WarRoomActivities;
import dev.fireline.warroom.WarRoomFacts;
import dev.fireline.warroom.WarRoomSync;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the incident's Slack war room following it (workflow code: deterministic). One sync is in
 * flight at a time; whatever happens meanwhile goes into the next one, so a storm of timeline
 * events becomes a few messages rather than a flood, and Slack's rate limits see one caller per
 * incident. Nothing here waits on Slack: paging and escalation run on without it, and a Slack
 * outage only leaves the channel behind until it is back.
 */
final class WarRoomFollower {
  /** At most this many timeline events per message; the rest follow in the next sync. */
  static final int MAX_EVENTS_PER_SYNC = 40;

  /**
   * Slack may be away or rate-limiting for a while (the activity asks Temporal to wait out
   * Retry-After); after half an hour the channel waits for the incident's next change.
   */
  private static final ActivityOptions SYNC =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setScheduleToCloseTimeout(Duration.ofMinutes(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .build())
          .build();

  private final Incident incident;
  private final Runnable changed;
  private boolean inFlight;

  /** The facts the channel shows (in memory: after a replay or continue-as-new, synced again). */
  private WarRoomFacts syncedFacts;

  /** Null until a war room is first wanted: only then is the change's marker written. */
  private Boolean guardPassed;

  /** The worker said it has no Slack: asked no more in this run. */
  private boolean slackOff;

  /** A sync that ran out of retries waits for the incident to change before the next try. */
  private long failedAtVersion = -1;

  /**
   * @param changed wakes the workflow's main loop when a sync finished
   */
  WarRoomFollower(Incident incident, Runnable changed) {
    this.incident = incident;
    this.changed = changed;
  }

  /** A sync is under way: the incident must wait for it before it closes or continues as new. */
  boolean busy() {
    return inFlight;
  }

  /** Starts a sync when the channel is behind the incident (and none is under way). */
  void follow() {
    if (inFlight || slackOff || incident.version() == failedAtVersion) {
      return;
    }
    WarRoomState room = incident.warRoom();
    boolean exists = room != null && room.channelId() != null;
    if (exists ? room.archived() : !wanted()) {
      return;
    }
    int posted = exists ? room.postedThrough() : 0;
    List<TimelineEvent> timeline = incident.timeline();
    WarRoomFacts facts = facts();
    if (exists && posted >= timeline.size() && facts.equals(syncedFacts)) {
      return;
    }
    if (guardPassed == null) {
      guardPassed = Workflow.getVersion("slack-war-room", Workflow.DEFAULT_VERSION, 1) == 1;
    }
    if (!guardPassed) {
      return;
    }
    int through = Math.min(timeline.size(), posted + MAX_EVENTS_PER_SYNC);
    List<TimelineEvent> events = List.copyOf(timeline.subList(posted, through));
    String syncKey =
        incident.key()
            + "/war-room/"
            + (events.isEmpty()
                ? "facts-" + incident.version()
                : events.get(0).seq() + "-" + events.get(events.size() - 1).seq());
    WarRoomActivities slack =
        Workflow.newActivityStub(
            WarRoomActivities.class,
            SYNC.toBuilder()
                .setSummary(
                    exists
                        ? "Slack #" + room.channelName() + ": " + events.size() + " event(s)"
                        : "Slack: open the war room")
                .build());
    inFlight = true;
    Async.function(slack::sync, new WarRoomSync(syncKey, facts, events, people()))
        .handle(
            (synced, failure) -> {
              inFlight = false;
              if (failure != null) {
                incident.record(
                    now(),
                    "war_room_failed",
                    null,
                    "The Slack channel could not be "
                        + "updated: "
                        + Failures.rootMessage(failure)
                        + "; tried again at the incident's next change");
                failedAtVersion = incident.version();
              } else if (synced == null) {
                slackOff = true;
                incident.record(
                    now(),
                    "war_room_failed",
                    null,
                    "No Slack channel: the worker has "
                        + "no Slack app configured (fireline.slack.bot-token)");
              } else {
                incident.warRoomSynced(synced, through);
                syncedFacts = facts;
                if (!exists) {
                  opened(synced);
                }
              }
              changed.run();
              return null;
            });
  }

  private boolean wanted() {
    return incident.stage() != Stage.CLOSED
        && incident.policies() != null
        && incident.policies().wantsWarRoom(incident.severity());
  }

  private void opened(WarRoom room) {
    incident.record(
        now(),
        "war_room_opened",
        null,
        "Slack channel #" + room.channelName() + " is the war room");
  }

  private WarRoomFacts facts() {
    IncidentDeclaration d = incident.declaration();
    List<StatusUpdate> updates = incident.statusUpdates();
    EnumMap<Role, String> roles = new EnumMap<>(Role.class);
    for (Role role : Role.values()) {
      if (incident.role(role) != null) {
        roles.put(role, incident.role(role));
      }
    }
    return new WarRoomFacts(
        d.number(),
        incident.key(),
        d.title(),
        d.description(),
        d.service(),
        incident.severity(),
        incident.stage(),
        incident.declaredAt(),
        incident.acknowledgedBy(),
        incident.resolvedBy(),
        roles,
        updates.isEmpty() ? null : updates.get(updates.size() - 1),
        incident.postmortem() == null ? null : incident.postmortem().status());
  }

  /** Who belongs in the channel: everyone paged, the acknowledger and the roles. */
  private List<String> people() {
    Set<String> people = new LinkedHashSet<>();
    for (TimelineEvent event : incident.timeline()) {
      if ("paged".equals(event.type()) && event.actor() != null) {
        people.add(event.actor());
      }
    }
    if (incident.acknowledgedBy() != null) {
      people.add(incident.acknowledgedBy());
    }
    for (Role role : Role.values()) {
      if (incident.role(role) != null) {
        people.add(incident.role(role));
      }
    }
    return new ArrayList<>(people);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
