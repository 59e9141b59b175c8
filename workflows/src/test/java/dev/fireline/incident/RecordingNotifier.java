package dev.fireline.incident;

import dev.fireline.notify.DeliveryResult;
import dev.fireline.notify.GivenUp;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationActivities;
import dev.fireline.notify.NotificationKind;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * Test notifier: records every call with the (test server) time it arrived and answers SENT. A
 * repeated idempotency key is recorded too, so a test can notice the workflow sent something twice.
 */
public final class RecordingNotifier implements NotificationActivities {

  /** One call of {@link #send}. */
  public record Sent(Instant at, Notification notification) {
    public String recipientId() {
      return notification.recipientId();
    }

    public NotificationKind kind() {
      return notification.kind();
    }

    public String channel() {
      return notification.channel();
    }
  }

  private final LongSupplier clock;
  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final List<GivenUp> givenUps = new CopyOnWriteArrayList<>();
  private final java.util.Set<String> failingChannels =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile boolean databaseDown;
  private final java.util.Set<String> unavailableChannels =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  public RecordingNotifier(LongSupplier clockMillis) {
    this.clock = clockMillis;
  }

  @Override
  public DeliveryResult send(Notification notification) {
    sent.add(new Sent(Instant.ofEpochMilli(clock.getAsLong()), notification));
    if (databaseDown) {
      throw io.temporal.failure.ApplicationFailure.newFailure(
          "Connection to 127.0.0.1:5432 refused", DatabaseUnavailable.TYPE);
    }
    if (unavailableChannels.contains(notification.channel())) {
      throw new IllegalStateException(notification.channel() + " provider answered 503");
    }
    if (failingChannels.contains(notification.channel())) {
      return new DeliveryResult(
          notification.idempotencyKey(),
          notification.channel(),
          DeliveryResult.Status.FAILED,
          null,
          notification.channel() + " provider rejected it");
    }
    return new DeliveryResult(
        notification.idempotencyKey(),
        notification.channel(),
        DeliveryResult.Status.SENT,
        "test-" + sent.size(),
        null);
  }

  @Override
  public void giveUp(GivenUp givenUp) {
    givenUps.add(givenUp);
  }

  /** The notifications the workflow gave up on, in order. */
  public List<GivenUp> givenUp() {
    return List.copyOf(givenUps);
  }

  /** From now on, sends through {@code channel} answer FAILED (recorded all the same). */
  public RecordingNotifier failChannel(String channel) {
    failingChannels.add(channel);
    return this;
  }

  /** Every send fails as the real notifier does while PostgreSQL is away (attempts recorded). */
  public RecordingNotifier databaseDown(boolean down) {
    databaseDown = down;
    return this;
  }

  /** Sends through {@code channel} throw (a provider outage: the activity is retried). */
  public RecordingNotifier unavailable(String channel, boolean down) {
    if (down) {
      unavailableChannels.add(channel);
    } else {
      unavailableChannels.remove(channel);
    }
    return this;
  }

  public List<Sent> all() {
    return List.copyOf(sent);
  }

  public List<Sent> ofKind(NotificationKind kind) {
    return sent.stream().filter(s -> s.kind() == kind).toList();
  }

  public List<Sent> pages() {
    return ofKind(NotificationKind.PAGE);
  }

  public List<Sent> to(String personId) {
    return sent.stream().filter(s -> s.recipientId().equals(personId)).toList();
  }
}
