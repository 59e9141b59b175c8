package dev.fireline.policy;

import java.time.Duration;

/** Durations as people write them in messages: "5 min", "4 h", "2 d". */
public final class Durations {
  private Durations() {}

  public static String human(Duration duration) {
    if (duration == null) {
      return "none";
    }
    long minutes = duration.toMinutes();
    if (minutes % (24 * 60) == 0 && minutes > 0) {
      return minutes / (24 * 60) + " d";
    }
    if (minutes % 60 == 0 && minutes > 0) {
      return minutes / 60 + " h";
    }
    if (minutes > 0) {
      return minutes + " min";
    }
    return duration.toSeconds() + " s";
  }
}
