package dev.fireline.policy;

import java.time.Duration;
import java.util.List;

/**
 * A person to notify, with their personal notification rules, and why they are the one to notify
 * ("on call for storefront-oncall (primary)"); {@code reason} is null when named directly.
 */
public record Recipient(String id, String name, List<Rule> rules, String reason) {

  public Recipient(String id, String name, List<Rule> rules) {
    this(id, name, rules, null);
  }

  /** Notify through {@code channel} once a page has gone unacknowledged for {@code after}. */
  public record Rule(String channel, Duration after) {
    public boolean immediate() {
      return after == null || after.isZero() || after.isNegative();
    }
  }
}
