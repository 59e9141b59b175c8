package dev.fireline.policy;

import java.time.Duration;
import java.util.List;

/**
 * A person to notify, with their personal notification rules, and why they are the one to notify
 * ("on call for storefront-oncall (primary)"); {@code reason} is null when named directly.
 *
 * @param workingFrom when the person is outside their working hours at lookup time, the start of
 *     the next working window (their own hours, else the business calendar's); null within them
 *     (and in lookups from before working hours mattered)
 */
public record Recipient(
    String id, String name, List<Rule> rules, String reason, java.time.Instant workingFrom) {

  public Recipient(String id, String name, List<Rule> rules, String reason) {
    this(id, name, rules, reason, null);
  }

  public Recipient(String id, String name, List<Rule> rules) {
    this(id, name, rules, null);
  }

  /** The same person at another moment of their working hours. */
  public Recipient workingFrom(java.time.Instant from) {
    return new Recipient(id, name, rules, reason, from);
  }

  /** A phone call or SMS: what low urgency keeps to working hours. */
  public static boolean phone(String channel) {
    return "sms".equals(channel) || "voice".equals(channel);
  }

  /** Notify through {@code channel} once a page has gone unacknowledged for {@code after}. */
  public record Rule(String channel, Duration after) {
    public boolean immediate() {
      return after == null || after.isZero() || after.isNegative();
    }
  }
}
