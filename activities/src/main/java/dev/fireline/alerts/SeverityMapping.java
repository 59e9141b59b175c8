package dev.fireline.alerts;

import dev.fireline.incident.Severity;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A source's severity word to a SEV level: PagerDuty's critical/error/warning/info and the usual
 * Alertmanager {@code severity} label values, SEV1..SEV4 and 1..4 as themselves; per service
 * overrides first; anything else (or nothing) the default.
 */
public class SeverityMapping {
  private static final Map<String, Severity> COMMON =
      Map.ofEntries(
          Map.entry("critical", Severity.SEV1),
          Map.entry("page", Severity.SEV1),
          Map.entry("error", Severity.SEV2),
          Map.entry("high", Severity.SEV2),
          Map.entry("major", Severity.SEV2),
          Map.entry("warning", Severity.SEV3),
          Map.entry("warn", Severity.SEV3),
          Map.entry("medium", Severity.SEV3),
          Map.entry("minor", Severity.SEV3),
          Map.entry("info", Severity.SEV4),
          Map.entry("low", Severity.SEV4),
          Map.entry("none", Severity.SEV4));

  private final Severity fallback;
  private final Map<String, Map<String, Severity>> byService;

  /**
   * @param byService service id → (source word, lower case → level)
   */
  public SeverityMapping(Severity fallback, Map<String, Map<String, Severity>> byService) {
    this.fallback = fallback;
    this.byService = byService;
  }

  public Severity severity(String serviceId, String label) {
    if (label == null || label.isBlank()) {
      return fallback;
    }
    String word = label.trim().toLowerCase(Locale.ROOT);
    return Optional.ofNullable(byService.getOrDefault(serviceId, Map.of()).get(word))
        .or(() -> Optional.ofNullable(COMMON.get(word)))
        .or(() -> Severity.parse(word))
        .orElse(fallback);
  }
}
