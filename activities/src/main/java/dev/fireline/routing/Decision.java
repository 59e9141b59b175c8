package dev.fireline.routing;

import dev.fireline.incident.Severity;
import dev.fireline.policy.Urgency;

/**
 * What the rules make of one alert.
 *
 * @param rule the index of the rule it matched; null when none did
 * @param ruleName that rule's name, if it has one
 * @param fallback routed to the fallback service (no rule matched, or the rule named no service)
 * @param service null when suppressed without a service, or unrouted
 * @param severity the rule's; null: mapped from the alert's own severity
 * @param dedupKey the rendered template; null: the payload's own
 * @param correlate null: no correlation
 */
public record Decision(
    Integer rule,
    String ruleName,
    boolean fallback,
    String service,
    Severity severity,
    Urgency urgency,
    String dedupKey,
    boolean suppress,
    Correlation correlate) {

  /** No rule matched and there is no fallback: the alert cannot be accepted. */
  public boolean unrouted() {
    return service == null && !suppress;
  }

  /** {@code rules[2]} or {@code rules[2] (db-alerts)}; {@code fallback}; null when unrouted. */
  public String label() {
    if (rule == null) {
      return fallback ? "fallback" : null;
    }
    return "rules[" + rule + "]" + (ruleName == null ? "" : " (" + ruleName + ")");
  }
}
