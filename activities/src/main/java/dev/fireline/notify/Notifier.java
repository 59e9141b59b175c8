package dev.fireline.notify;

import dev.fireline.persistence.DatabaseFailures;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The send activity: records the notification in the delivery log before calling the channel, and
 * answers from the log when the same idempotency key comes again.
 */
public class Notifier implements NotificationActivities {
  private final DeliveryLog deliveryLog;
  private final Map<String, Channel> channels;
  private final Channel fallback;

  /** {@code fallback} takes notifications for channels that have no provider configured. */
  public Notifier(DeliveryLog deliveryLog, Collection<Channel> channels, Channel fallback) {
    this.deliveryLog = deliveryLog;
    this.channels = channels.stream().collect(Collectors.toMap(Channel::name, Function.identity()));
    this.fallback = fallback;
  }

  @Override
  public DeliveryResult send(Notification n) {
    return DatabaseFailures.translated(() -> deliver(n));
  }

  private DeliveryResult deliver(Notification n) {
    Optional<DeliveryLog.Entry> earlier = deliveryLog.begin(n);
    if (earlier.isPresent()) {
      DeliveryLog.Entry entry = earlier.get();
      return new DeliveryResult(n.idempotencyKey(), entry.channel(), entry.status(),
          entry.providerId(), entry.detail());
    }
    Channel channel = channels.getOrDefault(n.channel(), fallback);
    try {
      Channel.Delivery delivery = channel.deliver(n);
      String detail = channel == fallback && !fallback.name().equals(n.channel())
          ? "no " + n.channel() + " provider configured; " + delivery.detail()
          : delivery.detail();
      deliveryLog.finish(n.idempotencyKey(), delivery.status(), delivery.providerId(), detail);
      return new DeliveryResult(n.idempotencyKey(), n.channel(), delivery.status(),
          delivery.providerId(), detail);
    } catch (PermanentDeliveryFailure failure) {
      deliveryLog.finish(n.idempotencyKey(), DeliveryResult.Status.FAILED, null, failure.getMessage());
      return new DeliveryResult(n.idempotencyKey(), n.channel(), DeliveryResult.Status.FAILED, null,
          failure.getMessage());
    } catch (RuntimeException failure) {
      deliveryLog.attemptFailed(n.idempotencyKey(), failure.getMessage());
      throw failure;
    }
  }

  @Override
  public void giveUp(GivenUp givenUp) {
    deliveryLog.givenUp(givenUp.idempotencyKey(), givenUp.detail());
  }
}
