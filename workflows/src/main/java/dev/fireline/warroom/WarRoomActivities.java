package dev.fireline.warroom;

import io.temporal.activity.ActivityInterface;

/**
 * The incident's war room in Slack: a channel of its own that follows the incident. The workflow
 * calls {@link #sync} whenever the incident changed in a way the channel shows, one call at a time;
 * what changed meanwhile goes into the next call, so a storm of events becomes a few messages.
 */
@ActivityInterface
public interface WarRoomActivities {
  /**
   * Brings the channel up to date, each step idempotent so a retry repeats nothing: creates the
   * channel on the first call (topic, bookmark of the runbook, the summary message posted and
   * pinned), invites {@link WarRoomSync#people()} not yet in it, posts {@link WarRoomSync#events()}
   * as one message keyed by {@link WarRoomSync#syncKey()}, updates the summary in place, and
   * archives the channel once the incident is closed (where configured).
   *
   * @return the channel; null when this worker has no war rooms (Slack not configured)
   */
  WarRoom sync(WarRoomSync sync);
}
