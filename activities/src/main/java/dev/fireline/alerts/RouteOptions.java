package dev.fireline.alerts;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a routing rule adds to an alert's intake (nothing, for an integration key).
 *
 * @param rule which rule routed it ({@code rules[2] (name)}, {@code fallback}); null: not routed
 * @param urgency {@code high} or {@code low}; null: as the incident's severity says
 * @param suppress record the alert, open nothing
 * @param correlateOn the label values an open incident's alert must share for this alert to attach
 *     to it; null: no correlation
 * @param window how recently that alert must have been seen
 */
public record RouteOptions(
    String rule,
    String urgency,
    boolean suppress,
    Map<String, String> correlateOn,
    Duration window) {
  public static final RouteOptions NONE = new RouteOptions(null, null, false, null, null);

  public RouteOptions {
    correlateOn = correlateOn == null ? null : new TreeMap<>(correlateOn);
  }
}
