package dev.fireline.routing;

import java.time.Duration;
import java.util.List;

/**
 * A rule's correlation: an alert that would open an incident attaches to an open incident instead
 * when an alert of that incident was seen within {@code window} with the same values of every label
 * in {@code by}.
 */
public record Correlation(List<String> by, Duration window) {
  public Correlation {
    by = by == null ? List.of() : List.copyOf(by);
  }
}
