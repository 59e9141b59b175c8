package dev.fireline.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers by writing to the delivery log and the application log. The embedded run uses it for every
 * channel that has no provider configured, so a page is never silently dropped.
 */
public class LogChannel implements Channel {
  public static final String NAME = "log";
  private static final Logger log = LoggerFactory.getLogger(LogChannel.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Delivery deliver(Notification n) {
    log.info("{} to {} ({}) via {}: {}", n.kind(), n.recipientName(), n.recipientId(), n.channel(),
        n.subject());
    return new Delivery(DeliveryResult.Status.DELIVERED, null, "written to the delivery log");
  }
}
