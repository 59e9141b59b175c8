package dev.fireline.incident;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** SEV1 is the most severe. */
public enum Severity {
  SEV1,
  SEV2,
  SEV3,
  SEV4;

  /** Accepts "SEV1", "sev1" and "1". */
  public static Optional<Severity> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String normalized = text.trim().toUpperCase(Locale.ROOT);
    if (normalized.matches("[1-4]")) {
      normalized = "SEV" + normalized;
    }
    String candidate = normalized;
    return Arrays.stream(values()).filter(s -> s.name().equals(candidate)).findFirst();
  }

  public boolean isMoreSevereThan(Severity other) {
    return ordinal() < other.ordinal();
  }
}
