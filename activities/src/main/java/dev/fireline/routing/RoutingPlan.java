package dev.fireline.routing;

import dev.fireline.alerts.AlertEvent;
import dev.fireline.alerts.AlertEvent.Action;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one payload is routed: each alert's {@link Decision}, and the events to ingest. Alerts of an
 * Alertmanager group that go to the same place (service, or suppressed, and dedup key) stay one
 * event, which takes the first alert's decision; the rest become events of their own, each firing
 * while one of its alerts is.
 */
public record RoutingPlan(List<AlertFields> alerts, List<Decision> decisions, List<Part> parts) {

  /** One event to ingest, and the decision it goes by. */
  public record Part(Decision decision, AlertEvent event, List<Integer> alerts) {}

  public static RoutingPlan of(
      RoutingDefinition definition, String format, AlertEvent event, String rawJson) {
    List<AlertFields> alerts = AlertFields.of(format, event, rawJson);
    RuleEngine engine = new RuleEngine(definition);
    List<Decision> decisions = alerts.stream().map(engine::decide).toList();
    return new RoutingPlan(alerts, decisions, parts(format, event, alerts, decisions));
  }

  /**
   * @throws Unrouted naming every alert no rule (nor a fallback) routes
   */
  public RoutingPlan requireRouted(int rules, String format) {
    List<String> unrouted = new ArrayList<>();
    for (int i = 0; i < decisions.size(); i++) {
      if (decisions.get(i).unrouted()) {
        unrouted.add(
            format.equals("alertmanager") && alerts.get(i).alert() != null
                ? "alerts[" + alerts.get(i).index() + "]"
                : "");
      }
    }
    if (!unrouted.isEmpty()) {
      throw new Unrouted(unrouted, rules);
    }
    return this;
  }

  private record Destination(boolean suppress, String service, String dedupKey) {}

  private static List<Part> parts(
      String format, AlertEvent event, List<AlertFields> alerts, List<Decision> decisions) {
    Map<Destination, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < alerts.size(); i++) {
      Decision d = decisions.get(i);
      if (d.unrouted()) {
        continue;
      }
      groups
          .computeIfAbsent(
              new Destination(
                  d.suppress(), d.service(), Objects.requireNonNullElse(d.dedupKey(), "")),
              k -> new ArrayList<>())
          .add(i);
    }
    List<Part> parts = new ArrayList<>();
    groups.forEach(
        (destination, members) -> {
          Decision first = decisions.get(members.get(0));
          String dedupKey = first.dedupKey() != null ? first.dedupKey() : event.dedupKey();
          boolean whole = members.size() == alerts.size();
          AlertEvent part =
              !format.equals("alertmanager") || event.alerts().isEmpty()
                  ? withDedupKey(event, dedupKey)
                  : alertmanagerPart(
                      event,
                      members.stream().map(i -> alerts.get(i).alert()).toList(),
                      dedupKey,
                      whole);
          parts.add(new Part(first, part, List.copyOf(members)));
        });
    return parts;
  }

  private static AlertEvent withDedupKey(AlertEvent e, String dedupKey) {
    return new AlertEvent(
        e.action(),
        dedupKey,
        e.summary(),
        e.source(),
        e.severityLabel(),
        e.startedAt(),
        e.labels(),
        e.link(),
        e.details(),
        e.alerts());
  }

  /** Some alerts of a group as an event of their own: their common labels, their status. */
  private static AlertEvent alertmanagerPart(
      AlertEvent group, List<AlertEvent.Alert> alerts, String dedupKey, boolean whole) {
    if (whole) {
      return withDedupKey(group, dedupKey);
    }
    Map<String, String> labels = new LinkedHashMap<>(alerts.get(0).labels());
    for (AlertEvent.Alert alert : alerts) {
      labels.entrySet().removeIf(e -> !e.getValue().equals(alert.labels().get(e.getKey())));
    }
    long firing = alerts.stream().filter(AlertEvent.Alert::firing).count();
    String summary = alerts.get(0).annotations().get("summary");
    if (summary == null || summary.isBlank()) {
      String name = labels.get("alertname");
      summary =
          name != null ? name + (firing > 0 ? " (" + firing + " firing)" : "") : group.summary();
    }
    String severity = labels.getOrDefault("severity", group.severityLabel());
    Instant startedAt =
        alerts.stream()
            .map(AlertEvent.Alert::startsAt)
            .filter(Objects::nonNull)
            .min(Instant::compareTo)
            .orElse(group.startedAt());
    return new AlertEvent(
        firing > 0 ? Action.TRIGGER : Action.RESOLVE,
        dedupKey,
        summary,
        group.source(),
        severity,
        startedAt,
        Map.copyOf(labels),
        group.link(),
        group.details(),
        List.copyOf(alerts));
  }
}
