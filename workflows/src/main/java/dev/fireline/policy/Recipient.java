package dev.fireline.policy;

import java.time.Duration;
import java.util.List;

/** A person to notify, with their personal notification rules. */
public record Recipient(String id, String name, List<Rule> rules) {

  /** Notify through {@code channel} once a page has gone unacknowledged for {@code after}. */
  public record Rule(String channel, Duration after) {
    public boolean immediate() {
      return after == null || after.isZero() || after.isNegative();
    }
  }
}
