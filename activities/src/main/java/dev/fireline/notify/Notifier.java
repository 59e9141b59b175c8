package dev.fireline.notify;

import dev.fireline.incident.IncidentKeys;
import dev.fireline.persistence.DatabaseFailures;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * The send activity: records the notification in the delivery log before calling the channel, and
 * answers from the log when the same idempotency key comes again.
 *
 * <p>A notification on a channel without a provider is {@code FAILED}, naming the settings that
 * channel needs (the workflow then falls back to e-mail or reports the person unreachable), unless
 * log-only delivery was chosen: then it is {@code LOGGED}, never delivered.
 */
public class Notifier implements NotificationActivities {
  private static final Logger log = LoggerFactory.getLogger(Notifier.class);

  private final DeliveryLog deliveryLog;
  private final Map<String, Channel> channels;
  private final Optional<LogChannel> logOnly;
  private final PageFacts.Source pageFacts;

  /** Pages say only their subject and body (no runbook, alert link or description). */
  public Notifier(
      DeliveryLog deliveryLog, Collection<Channel> channels, Optional<LogChannel> logOnly) {
    this(deliveryLog, channels, logOnly, PageFacts.Source.NONE);
  }

  /**
   * @param logOnly the log channel where log-only delivery is on (the embedded demo), for the
   *     channels without a provider; empty everywhere else
   * @param pageFacts where a page's runbook, alert link and description are looked up
   */
  public Notifier(
      DeliveryLog deliveryLog,
      Collection<Channel> channels,
      Optional<LogChannel> logOnly,
      PageFacts.Source pageFacts) {
    this.deliveryLog = deliveryLog;
    this.channels =
        channels.stream()
            .filter(c -> !(c instanceof LogChannel))
            .collect(Collectors.toMap(Channel::name, Function.identity()));
    this.logOnly = logOnly;
    this.pageFacts = pageFacts;
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
      return new DeliveryResult(
          n.idempotencyKey(), entry.channel(), entry.status(), entry.providerId(), entry.detail());
    }
    Channel channel = channels.get(n.channel());
    if (channel == null && logOnly.isEmpty()) {
      String detail =
          "no "
              + n.channel()
              + " provider configured ("
              + ChannelProviders.needs(n.channel())
              + "); nothing was sent";
      deliveryLog.finish(n.idempotencyKey(), DeliveryResult.Status.FAILED, null, detail);
      return new DeliveryResult(
          n.idempotencyKey(), n.channel(), DeliveryResult.Status.FAILED, null, detail);
    }
    Channel target = channel == null ? logOnly.get() : channel;
    PageFacts facts = target instanceof LogChannel ? PageFacts.NONE : pageFacts(n);
    try {
      Channel.Delivery delivery = target.deliver(n, facts);
      String detail =
          channel == null && !LogChannel.NAME.equals(n.channel())
              ? "no " + n.channel() + " provider configured; " + delivery.detail()
              : delivery.detail();
      deliveryLog.finish(n.idempotencyKey(), delivery.status(), delivery.providerId(), detail);
      return new DeliveryResult(
          n.idempotencyKey(), n.channel(), delivery.status(), delivery.providerId(), detail);
    } catch (PermanentDeliveryFailure failure) {
      deliveryLog.finish(
          n.idempotencyKey(), DeliveryResult.Status.FAILED, null, failure.getMessage());
      return new DeliveryResult(
          n.idempotencyKey(),
          n.channel(),
          DeliveryResult.Status.FAILED,
          null,
          failure.getMessage());
    } catch (RuntimeException failure) {
      deliveryLog.attemptFailed(n.idempotencyKey(), failure.getMessage());
      throw failure;
    }
  }

  /**
   * A page's facts: those an earlier attempt kept (a retry composes the same text), else looked up
   * and kept. They are optional and the page is not: a lookup that fails for any reason but the
   * database being away (which fails the send as every send fails without it) sends the page
   * without them, and keeps that, so it is logged once.
   */
  private PageFacts pageFacts(Notification n) {
    if (n.kind() != NotificationKind.PAGE || n.incidentNumber() <= 0) {
      return PageFacts.NONE;
    }
    Optional<PageFacts> kept = deliveryLog.pageFacts(n.idempotencyKey());
    if (kept.isPresent()) {
      return kept.get();
    }
    PageFacts found;
    try {
      found = pageFacts.of(n.incidentNumber());
    } catch (DataAccessException e) {
      if (DatabaseFailures.isUnavailable(e)) {
        throw e;
      }
      found = withoutFacts(n, e);
    } catch (RuntimeException e) {
      found = withoutFacts(n, e);
    }
    return deliveryLog.keepPageFacts(n.idempotencyKey(), found);
  }

  private static PageFacts withoutFacts(Notification n, RuntimeException e) {
    log.warn(
        "The runbook, alert link and description of {}'s page could not be looked up; it is "
            + "sent without them ({}: {})",
        IncidentKeys.key(n.incidentNumber()),
        e.getClass().getSimpleName(),
        e.getMessage());
    return PageFacts.NONE;
  }

  @Override
  public void giveUp(GivenUp givenUp) {
    deliveryLog.givenUp(givenUp.idempotencyKey(), givenUp.detail());
  }
}
