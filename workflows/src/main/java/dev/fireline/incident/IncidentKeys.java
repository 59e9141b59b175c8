package dev.fireline.incident;

import java.util.Locale;
import java.util.OptionalLong;

/** Incident numbers and their display keys ({@code INC-42}); the key is also the workflow id. */
public final class IncidentKeys {
  public static final String PREFIX = "INC-";

  private IncidentKeys() {}

  public static String key(long number) {
    return PREFIX + number;
  }

  /** Accepts "42", "INC-42" and "inc-42". */
  public static OptionalLong parse(String text) {
    if (text == null) {
      return OptionalLong.empty();
    }
    String digits = text.trim().toUpperCase(Locale.ROOT);
    if (digits.startsWith(PREFIX)) {
      digits = digits.substring(PREFIX.length());
    }
    if (!digits.matches("[0-9]{1,18}")) {
      return OptionalLong.empty();
    }
    long number = Long.parseLong(digits);
    return number > 0 ? OptionalLong.of(number) : OptionalLong.empty();
  }
}
