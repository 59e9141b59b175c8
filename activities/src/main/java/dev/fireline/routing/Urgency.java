package dev.fireline.routing;

import java.util.Locale;

/** How urgently an alert wants attention; stored with the alert (high unless a rule says low). */
public enum Urgency {
  HIGH,
  LOW;

  /** As stored and answered: {@code high}, {@code low}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
