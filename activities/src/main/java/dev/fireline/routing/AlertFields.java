package dev.fireline.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fireline.alerts.AlertEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One alert of a payload as rules see it: its field values by {@link RoutingFields} name. An
 * Alertmanager webhook has one per entry of {@code alerts} (the group's labels when it has none);
 * the other kinds have one.
 *
 * <table>
 * <tr><th>field</th><th>alertmanager (per alert)</th><th>events-v2</th><th>generic</th></tr>
 * <tr><td>labels.n</td><td>the alert's label</td><td>payload source, component, group, class,
 *     severity (what silences match)</td><td>labels</td></tr>
 * <tr><td>annotations.n</td><td>the alert's annotation</td><td>-</td><td>-</td></tr>
 * <tr><td>custom_details.n</td><td>-</td><td>payload.custom_details (non-text as JSON)</td>
 *     <td>-</td></tr>
 * <tr><td>summary</td><td>annotation summary, else the group's</td><td>payload.summary</td>
 *     <td>summary</td></tr>
 * <tr><td>source</td><td>receiver (else externalURL)</td><td>payload.source</td><td>source</td></tr>
 * <tr><td>severity</td><td>label severity</td><td>payload.severity</td><td>severity</td></tr>
 * <tr><td>component, group, class</td><td>the label</td><td>payload's</td><td>the label</td></tr>
 * <tr><td>dedup_key</td><td>groupKey</td><td>dedup_key</td><td>dedup_key</td></tr>
 * </table>
 *
 * @param alert the Alertmanager alert; null for the other kinds
 */
public record AlertFields(int index, AlertEvent.Alert alert, Map<String, String> values) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public AlertFields {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * @param rawJson the payload the event was parsed from (already valid): custom details are read
   *     from it
   */
  public static List<AlertFields> of(String format, AlertEvent event, String rawJson) {
    return switch (format) {
      case "alertmanager" -> alertmanager(event);
      case "events-v2" -> List.of(eventsV2(event, rawJson));
      default -> List.of(generic(event));
    };
  }

  private static List<AlertFields> alertmanager(AlertEvent event) {
    if (event.alerts().isEmpty()) {
      Map<String, String> values = common(event, event.labels());
      put(values, "severity", labelsOr(event.labels(), "severity", event.severityLabel()));
      return List.of(new AlertFields(0, null, values));
    }
    List<AlertFields> out = new ArrayList<>();
    for (int i = 0; i < event.alerts().size(); i++) {
      AlertEvent.Alert alert = event.alerts().get(i);
      Map<String, String> values = common(event, alert.labels());
      alert.annotations().forEach((name, value) -> values.put("annotations." + name, value));
      String summary = alert.annotations().get("summary");
      if (summary != null && !summary.isBlank()) {
        values.put("summary", summary);
      }
      put(values, "severity", labelsOr(alert.labels(), "severity", event.severityLabel()));
      out.add(new AlertFields(i, alert, values));
    }
    return out;
  }

  private static AlertFields eventsV2(AlertEvent event, String rawJson) {
    Map<String, String> values = common(event, event.labels());
    put(values, "severity", event.severityLabel());
    JsonNode custom = customDetails(rawJson);
    custom
        .fields()
        .forEachRemaining(
            e -> {
              JsonNode v = e.getValue();
              if (!v.isNull()) {
                values.put(
                    "custom_details." + e.getKey(), v.isValueNode() ? v.asText() : v.toString());
              }
            });
    return new AlertFields(0, null, values);
  }

  private static AlertFields generic(AlertEvent event) {
    Map<String, String> values = common(event, event.labels());
    put(values, "severity", event.severityLabel());
    return new AlertFields(0, null, values);
  }

  /** Labels, summary, source, component, group, class and dedup_key. */
  private static Map<String, String> common(AlertEvent event, Map<String, String> labels) {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, String> l = labels == null ? Map.of() : labels;
    l.forEach((name, value) -> values.put("labels." + name, value));
    put(values, "summary", event.summary());
    put(values, "source", event.source());
    for (String name : List.of("component", "group", "class")) {
      put(values, name, l.get(name));
    }
    put(values, "dedup_key", event.dedupKey());
    return values;
  }

  private static JsonNode customDetails(String rawJson) {
    try {
      JsonNode custom =
          JSON.readTree(rawJson == null ? "{}" : rawJson).path("payload").path("custom_details");
      return custom.isObject() ? custom : JSON.createObjectNode();
    } catch (JsonProcessingException e) {
      return JSON.createObjectNode(); // parsed before: cannot happen
    }
  }

  private static String labelsOr(Map<String, String> labels, String name, String otherwise) {
    String value = labels == null ? null : labels.get(name);
    return value != null && !value.isBlank() ? value : otherwise;
  }

  private static void put(Map<String, String> values, String field, String value) {
    if (value != null) {
      values.put(field, value);
    }
  }
}
