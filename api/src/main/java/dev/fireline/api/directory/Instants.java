package dev.fireline.api.directory;

import dev.fireline.api.problem.ApiProblem;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Instants in query parameters and bodies: ISO-8601 with {@code Z} or an offset. */
public final class Instants {
  private Instants() {}

  static Instant parse(String field, String text) {
    if (text == null || text.isBlank()) {
      throw ApiProblem.badRequest(field, "is required");
    }
    return instant(text)
        .orElseThrow(
            () ->
                ApiProblem.badRequest(
                    field,
                    "'"
                        + text
                        + "' is not an instant: write ISO-8601 with Z or an offset, e.g. 2026-03-09T13:00:00Z"));
  }

  /** {@code text} as an ISO-8601 instant with {@code Z} or an offset; empty when it is not one. */
  public static Optional<Instant> instant(String text) {
    String t = text.trim();
    try {
      return Optional.of(Instant.parse(t));
    } catch (DateTimeParseException e) {
      // with an offset?
    }
    try {
      return Optional.of(OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static Instant parseOr(String field, String text, Instant fallback) {
    return text == null || text.isBlank() ? fallback : parse(field, text);
  }
}
