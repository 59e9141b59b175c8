package dev.fireline.routing;

import dev.fireline.incident.Severity;
import dev.fireline.policy.Urgency;
import java.util.List;

/**
 * One routing rule: when every condition holds (no conditions: every alert), the alert goes to
 * {@code service} (or the fallback) with what the rule sets; {@code suppress} records it and opens
 * nothing.
 *
 * @param name optional, for people and the dry-run
 * @param severity null: mapped from the alert's own severity, as for integration keys
 * @param urgency null: as the incident's severity says ({@link Urgency})
 * @param dedupKey a template such as {@code {{labels.alertname}}/{{labels.cluster}}}; null: the
 *     payload's own dedup key
 * @param correlate null: no correlation (the default)
 */
public record RoutingRule(
    String name,
    List<Condition> when,
    String service,
    Severity severity,
    Urgency urgency,
    String dedupKey,
    boolean suppress,
    Correlation correlate) {
  public RoutingRule {
    when = when == null ? List.of() : List.copyOf(when);
  }
}
