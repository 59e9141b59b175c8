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
 *
 * <p>A notification on a channel without a provider is {@code FAILED}, naming the settings that
 * channel needs (the workflow then falls back to e-mail or reports the person unreachable), unless
 * log-only delivery was chosen: then it is {@code LOGGED}, never delivered.
 */
public class Notifier implements NotificationActivities {
  private final DeliveryLog deliveryLog;
  private final Map<String, Channel> channels;
  private final Optional<LogChannel> logOnly;

  /**
   * @param logOnly the log channel where log-only delivery is on (the embedded demo), for the
   *     channels without a provider; empty everywhere else
   */
  public Notifier(DeliveryLog deliveryLog, Collection<Channel> channels,
      Optional<LogChannel> logOnly) {
    this.deliveryLog = deliveryLog;
    this.channels = channels.stream().filter(c -> !(c instanceof LogChannel))
        .collect(Collectors.toMap(Channel::name, Function.identity()));
    this.logOnly = logOnly;
  }

  /** The channels that reach people through a provider, by name. */
  public java.util.Set<String> providerChannels() {
    return channels.keySet();
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
    Channel channel = channels.get(n.channel());
    if (channel == null && logOnly.isEmpty()) {
      String detail = "no " + n.channel() + " provider configured (" + ChannelProviders.needs(
          n.channel()) + "); nothing was sent";
      deliveryLog.finish(n.idempotencyKey(), DeliveryResult.Status.FAILED, null, detail);
      return new DeliveryResult(n.idempotencyKey(), n.channel(), DeliveryResult.Status.FAILED, null,
          detail);
    }
    try {
      Channel.Delivery delivery = (channel == null ? logOnly.get() : channel).deliver(n);
      String detail = channel == null && !LogChannel.NAME.equals(n.channel())
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
