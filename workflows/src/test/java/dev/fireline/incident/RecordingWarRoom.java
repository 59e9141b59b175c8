package dev.fireline.incident;

import dev.fireline.warroom.WarRoom;
import dev.fireline.warroom.WarRoomActivities;
import dev.fireline.warroom.WarRoomSync;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * A Slack that answers every war room sync (or is down, or not configured), recording what it was
 * asked and when: the channel is archived once a sync carries a closed incident.
 */
public final class RecordingWarRoom implements WarRoomActivities {
  /** One sync as it reached Slack. */
  public record Synced(Instant at, WarRoomSync sync) {}

  public final List<Synced> synced = new CopyOnWriteArrayList<>();
  private final LongSupplier clock;
  private volatile boolean down;
  private volatile boolean notConfigured;
  private volatile long latencyMillis;

  public RecordingWarRoom(LongSupplier clock) {
    this.clock = clock;
  }

  /** Every call fails as Slack answering 503 would (retried by Temporal). */
  public RecordingWarRoom down(boolean down) {
    this.down = down;
    return this;
  }

  /** The worker has no Slack app: every call answers null. */
  public RecordingWarRoom notConfigured() {
    this.notConfigured = true;
    return this;
  }

  /** Each sync takes this long in real time (a slow Slack: changes pile up meanwhile). */
  public RecordingWarRoom latency(long millis) {
    this.latencyMillis = millis;
    return this;
  }

  @Override
  public WarRoom sync(WarRoomSync sync) {
    if (latencyMillis > 0) {
      try {
        Thread.sleep(latencyMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (notConfigured) {
      return null;
    }
    if (down) {
      throw ApplicationFailure.newFailure("Slack answered 503 Service Unavailable", "SlackDown");
    }
    synced.add(new Synced(Instant.ofEpochMilli(clock.getAsLong()), sync));
    return new WarRoom(
        "C0WARROOM" + sync.facts().number(),
        "inc-" + sync.facts().number() + "-checkout-is-failing",
        sync.facts().stage() == Stage.CLOSED);
  }

  /** The timeline event types posted, in the order they reached the channel. */
  public List<String> postedTypes() {
    return synced.stream()
        .flatMap(s -> s.sync().events().stream())
        .map(IncidentSnapshot.TimelineEvent::type)
        .toList();
  }
}
