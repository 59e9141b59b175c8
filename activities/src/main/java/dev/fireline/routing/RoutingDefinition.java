package dev.fireline.routing;

import java.util.List;

/**
 * The installation's routing rules: alerts sent with one of {@code keys} are routed by the first of
 * {@code rules} they match, else to {@code fallback}; without a fallback an alert no rule matches
 * is refused (422), so nothing is silently dropped or paged to a guess.
 *
 * @param keys the routing keys, only as {@code sha256:<hex>} (see {@code IntegrationKeys})
 * @param fallback a service id; null: unrouted alerts are refused
 */
public record RoutingDefinition(List<String> keys, List<RoutingRule> rules, String fallback) {
  public RoutingDefinition {
    keys = keys == null ? List.of() : List.copyOf(keys);
    rules = rules == null ? List.of() : List.copyOf(rules);
  }

  public static RoutingDefinition empty() {
    return new RoutingDefinition(List.of(), List.of(), null);
  }

  /** The services the rules and the fallback name. */
  public List<String> services() {
    List<String> out = new java.util.ArrayList<>();
    rules.forEach(
        rule -> {
          if (rule.service() != null && !out.contains(rule.service())) {
            out.add(rule.service());
          }
        });
    if (fallback != null && !out.contains(fallback)) {
      out.add(fallback);
    }
    return out;
  }
}
