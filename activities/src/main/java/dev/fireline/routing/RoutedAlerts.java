package dev.fireline.routing;

import dev.fireline.alerts.AlertEvent;
import dev.fireline.alerts.AlertRouter;
import dev.fireline.alerts.RouteOptions;
import dev.fireline.alerts.SeverityMapping;
import dev.fireline.incident.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerts sent with a routing key: each is routed by the rules ({@link RoutingPlan}) and ingested as
 * if sent with its service's integration key, with what the rule adds (severity, urgency, dedup
 * key, suppression, correlation). The dry-run answers the same decisions and ingests nothing.
 */
public class RoutedAlerts {
  private final RoutingStore store;
  private final AlertRouter router;
  private final SeverityMapping severities;

  public RoutedAlerts(RoutingStore store, AlertRouter router, SeverityMapping severities) {
    this.store = store;
    this.router = router;
    this.severities = severities;
  }

  /** What became of one routed part of a payload. */
  public record Routed(
      String service,
      String rule,
      String dedupKey,
      String outcome,
      String incidentKey,
      String urgency,
      boolean suppressed,
      List<Integer> alerts) {}

  /**
   * Routes and ingests the payload.
   *
   * @throws Unrouted when an alert matches no rule and there is no fallback; nothing is stored
   */
  public List<Routed> accept(
      RoutingDefinition definition, String format, AlertEvent event, String rawJson) {
    RoutingPlan plan =
        RoutingPlan.of(definition, format, event, rawJson)
            .requireRouted(definition.rules().size(), format);
    List<Routed> out = new ArrayList<>();
    for (RoutingPlan.Part part : plan.parts()) {
      Decision d = part.decision();
      RouteOptions options =
          new RouteOptions(
              d.label(),
              urgency(d),
              d.suppress(),
              correlateOn(d.correlate(), part.event().labels()),
              d.correlate() == null ? null : d.correlate().window());
      AlertRouter.Result result =
          router.accept(d.service(), format, part.event(), d.severity(), options);
      out.add(
          new Routed(
              d.service(),
              d.label(),
              result.dedupKey(),
              result.outcome(),
              result.incidentKey(),
              urgency(d),
              d.suppress(),
              part.alerts()));
    }
    return out;
  }

  /** The rules' decision for each alert of the payload; ingests nothing. */
  public List<Map<String, Object>> dryRun(String format, AlertEvent event, String rawJson) {
    RoutingDefinition definition =
        store.find().map(RoutingStore.Stored::definition).orElse(RoutingDefinition.empty());
    RoutingPlan plan = RoutingPlan.of(definition, format, event, rawJson);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < plan.alerts().size(); i++) {
      AlertFields alert = plan.alerts().get(i);
      Decision d = plan.decisions().get(i);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("alert", alert.alert() == null ? null : "alerts[" + alert.index() + "]");
      if (alert.alert() != null) {
        row.put("fingerprint", alert.alert().fingerprint());
      }
      row.put("rule", d.rule());
      row.put("rule_name", d.ruleName());
      row.put("matched", d.rule() == null ? "none" : "rules[" + d.rule() + "]");
      row.put("fallback", d.fallback());
      row.put("unrouted", d.unrouted());
      row.put("service", d.service());
      row.put("suppress", d.suppress());
      Severity severity =
          d.severity() != null
              ? d.severity()
              : severities.severity(
                  d.service() == null ? "" : d.service(), alert.values().get("severity"));
      row.put("severity", d.unrouted() ? null : severity.name());
      row.put("urgency", d.unrouted() ? null : urgency(d));
      String dedupKey = d.dedupKey() != null ? d.dedupKey() : event.dedupKey();
      row.put("dedup_key", dedupKey);
      row.put(
          "dedup_key_from",
          d.dedupKey() != null ? "rule" : dedupKey != null ? "payload" : "generated at ingestion");
      Map<String, String> on =
          d.correlate() == null ? null : correlateOn(d.correlate(), labels(alert));
      row.put(
          "correlate",
          d.correlate() == null
              ? null
              : Map.of(
                  "by",
                  d.correlate().by(),
                  "window",
                  d.correlate().window().toString(),
                  "on",
                  on == null ? "missing a label: no correlation" : on));
      out.add(row);
    }
    return out;
  }

  /** The values of the correlated labels; null when not correlating or a label is missing. */
  static Map<String, String> correlateOn(Correlation correlation, Map<String, String> labels) {
    if (correlation == null || labels == null) {
      return null;
    }
    Map<String, String> on = new LinkedHashMap<>();
    for (String label : correlation.by()) {
      String value = labels.get(label);
      if (value == null) {
        return null;
      }
      on.put(label, value);
    }
    return on;
  }

  private static Map<String, String> labels(AlertFields alert) {
    Map<String, String> labels = new LinkedHashMap<>();
    alert
        .values()
        .forEach(
            (field, value) -> {
              if (field.startsWith("labels.")) {
                labels.put(field.substring("labels.".length()), value);
              }
            });
    return labels;
  }

  /** The rule's urgency; null when it says none (the incident's severity decides). */
  private static String urgency(Decision d) {
    return d.urgency() == null ? null : d.urgency().id();
  }
}
