package dev.fireline.directory;

import dev.fireline.incident.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Ordered levels, each paging its targets and waiting {@code escalateAfter}, repeated {@code
 * repeats} more times. {@code bySeverity} replaces the levels for some severities (e.g. SEV1 pages
 * primary and secondary together).
 */
public record EscalationPolicyDefinition(
    String id,
    String name,
    int repeats,
    List<Level> levels,
    Map<Severity, List<Level>> bySeverity) {

  public record Level(Duration escalateAfter, List<Target> targets) {}

  /**
   * @param layer for a schedule target: which layer's on-call (null: the schedule's)
   */
  public record Target(Type type, String id, String layer) {
    public enum Type {
      PERSON,
      SCHEDULE,
      TEAM
    }

    /**
     * How the incident workflow carries a target: {@code person:alice}, {@code
     * schedule:ops/secondary}.
     */
    public String reference() {
      return type.name().toLowerCase() + ":" + id + (layer == null ? "" : "/" + layer);
    }
  }
}
