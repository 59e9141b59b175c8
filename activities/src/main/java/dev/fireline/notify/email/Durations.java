package dev.fireline.notify.email;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code 24h}, {@code 90m}, {@code 30s}, {@code 2d} or ISO-8601 ({@code PT24H}). */
final class Durations {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private Durations() {}

  static Duration parse(String text, String property) {
    String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE.matcher(value);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
      return Duration.parse(value.toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          property + ": '" + text + "' is not a duration (e.g. 24h, 30m)");
    }
  }
}
