package dev.fireline.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * How hard an incident pages. High: every channel, any hour. Low: no phone call or SMS outside the
 * person's working hours; those wait for the start of the next working window (e-mail and chat go
 * at once), and are sent at once should the incident become high urgency meanwhile.
 */
public enum Urgency {
  HIGH,
  LOW;

  public static Optional<Urgency> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(value.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
