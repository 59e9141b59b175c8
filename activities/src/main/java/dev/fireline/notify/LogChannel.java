package dev.fireline.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log-only delivery: writes the notification to the application log and nowhere else, and says so
 * ({@code LOGGED}, never delivered). It exists only where log-only delivery is chosen explicitly
 * (the embedded demo), for every channel that has no provider there.
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
    log.info(
        "LOGGED ONLY, nobody notified: {} to {} ({}) via {}: {}",
        n.kind(),
        n.recipientName(),
        n.recipientId(),
        n.channel(),
        n.subject());
    return new Delivery(
        DeliveryResult.Status.LOGGED, null, "logged only (log-only delivery): nobody was notified");
  }
}
