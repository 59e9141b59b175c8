package dev.fireline.coverage;

import dev.fireline.notify.DeliveryResult;
import dev.fireline.notify.GivenUp;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationActivities;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The notifier as the team lead sees it: what was delivered, and when (test server time). While
 * {@link #down} every send throws, as a provider outage does (the activity is retried).
 */
final class LeadInbox implements NotificationActivities {
  record Delivered(Instant at, Notification notification) {}

  private final LongSupplier clock;
  private final List<Delivered> delivered = new CopyOnWriteArrayList<>();
  volatile boolean down;

  LeadInbox(LongSupplier clockMillis) {
    this.clock = clockMillis;
  }

  @Override
  public DeliveryResult send(Notification n) {
    if (down) {
      throw new IllegalStateException("email provider answered 503");
    }
    synchronized (delivered) {
      delivered.add(new Delivered(Instant.ofEpochMilli(clock.getAsLong()), n));
      delivered.notifyAll();
    }
    return new DeliveryResult(
        n.idempotencyKey(),
        n.channel(),
        DeliveryResult.Status.SENT,
        "mail-" + delivered.size(),
        null);
  }

  @Override
  public void giveUp(GivenUp givenUp) {}

  /**
   * Waits until {@code count} deliveries arrived, at most {@code timeout} of real time: on a busy
   * machine {@code env.sleep} can return while the worker is still running what the skipped time
   * made due. Virtual time does not move meanwhile.
   */
  void awaitDeliveries(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (delivered) {
      for (long left = timeout.toMillis();
          delivered.size() < count && left > 0;
          left = (deadline - System.nanoTime()) / 1_000_000) {
        delivered.wait(left);
      }
    }
  }

  List<Delivered> delivered() {
    return List.copyOf(delivered);
  }

  /** Whether a notification with {@code key} has an outcome (the real check asks the log). */
  boolean has(String key) {
    return delivered.stream().anyMatch(d -> d.notification().idempotencyKey().equals(key));
  }
}
