package dev.fireline.communicate.statuspage;

import dev.fireline.incident.Severity;
import java.util.Arrays;
import java.util.Collection;

/**
 * The state of a status-page component, least to most severe. The codes are Atlassian Statuspage's
 * component statuses, used by the built-in page's JSON as well.
 */
public enum ComponentStatus {
  OPERATIONAL("operational", "Operational"),
  DEGRADED_PERFORMANCE("degraded_performance", "Degraded performance"),
  PARTIAL_OUTAGE("partial_outage", "Partial outage"),
  MAJOR_OUTAGE("major_outage", "Major outage");

  private final String code;
  private final String label;

  ComponentStatus(String code, String label) {
    this.code = code;
    this.label = label;
  }

  public String code() {
    return code;
  }

  public String label() {
    return label;
  }

  /**
   * What an open, posted incident of this severity does to its component: SEV1 is a major outage,
   * SEV2 a partial outage, SEV3 and SEV4 (posted only when configured so, or after a downgrade)
   * degraded performance.
   */
  public static ComponentStatus forSeverity(Severity severity) {
    if (severity == null) {
      return DEGRADED_PERFORMANCE;
    }
    return switch (severity) {
      case SEV1 -> MAJOR_OUTAGE;
      case SEV2 -> PARTIAL_OUTAGE;
      case SEV3, SEV4 -> DEGRADED_PERFORMANCE;
    };
  }

  public static ComponentStatus ofCode(String code) {
    return Arrays.stream(values())
        .filter(s -> s.code.equals(code))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no component status " + code));
  }

  public static ComponentStatus worst(Collection<ComponentStatus> statuses) {
    return statuses.stream().reduce(OPERATIONAL, (a, b) -> a.compareTo(b) >= 0 ? a : b);
  }
}
