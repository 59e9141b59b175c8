package dev.fireline.directory;

import dev.fireline.alerts.Silence;
import java.time.Instant;
import java.util.List;

/**
 * A silence declared in the directory file: alerts whose labels match every matcher are recorded
 * and nobody is paged (see {@link Silence}).
 *
 * @param service the id of a service of the file; null: every service
 * @param matchers at least one
 * @param start null: from when the file first declares it (kept on later applies)
 * @param comment optional
 */
public record SilenceDefinition(
    String id,
    String service,
    List<Silence.Matcher> matchers,
    Instant start,
    Instant end,
    String comment) {

  public SilenceDefinition {
    matchers = matchers == null ? List.of() : List.copyOf(matchers);
  }
}
