package dev.fireline.incident;

import dev.fireline.communicate.Announcement;
import dev.fireline.communicate.CommunicationActivities;
import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;

/**
 * Chat and the status page hear of declarations, status updates, severity changes, resolution
 * (workflow code: deterministic). Announcements run asynchronously; one that fails is noted on the
 * timeline and paging goes on.
 */
final class Announcing {
  private static final ActivityOptions ANNOUNCE = BackgroundActivities.OPTIONS;

  private final Incident incident;
  private final Runnable changed;

  /** Announcements exist in this run (not in runs recorded before them). */
  private final boolean communicates;

  /** Timeline events before this index were announced (or are from before announcements). */
  private int announcedThrough;

  private int inFlight;

  /**
   * @param changed wakes the workflow's main loop when an announcement finished
   * @param announcedThrough timeline events before this index count as announced
   */
  Announcing(Incident incident, Runnable changed, boolean communicates, int announcedThrough) {
    this.incident = incident;
    this.changed = changed;
    this.communicates = communicates;
    this.announcedThrough = announcedThrough;
  }

  /** An announcement is under way. */
  boolean busy() {
    return inFlight > 0;
  }

  /** Announces the timeline events added since the last call that are worth announcing. */
  void announceNewEvents() {
    List<TimelineEvent> timeline = incident.timeline();
    if (!communicates) {
      announcedThrough = timeline.size();
      return;
    }
    for (; announcedThrough < timeline.size(); announcedThrough++) {
      TimelineEvent event = timeline.get(announcedThrough);
      Announcement.Kind kind = Announcements.kindOf(event);
      if (kind != null) {
        announce(kind, event);
      }
    }
  }

  private void announce(Announcement.Kind kind, TimelineEvent event) {
    Announcement announcement = Announcements.of(incident, kind, event);
    CommunicationActivities communications =
        Workflow.newActivityStub(
            CommunicationActivities.class,
            ANNOUNCE.toBuilder().setSummary("announce " + kind.name().toLowerCase()).build());
    inFlight++;
    Async.procedure(communications::announce, announcement)
        .handle(
            (ignored, failure) -> {
              inFlight--;
              if (failure != null) {
                incident.record(
                    now(),
                    "announcement_failed",
                    null,
                    "Announcing "
                        + kind.name().toLowerCase()
                        + " failed: "
                        + Failures.rootMessage(failure));
              }
              changed.run();
              return null;
            });
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
