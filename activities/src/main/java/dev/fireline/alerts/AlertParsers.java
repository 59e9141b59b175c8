package dev.fireline.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fireline.alerts.AlertEvent.Action;
import dev.fireline.alerts.AlertEvent.Alert;
import dev.fireline.alerts.PayloadModel.AlertmanagerAlert;
import dev.fireline.alerts.PayloadModel.AlertmanagerWebhook;
import dev.fireline.alerts.PayloadModel.Generic;
import dev.fireline.alerts.PayloadModel.PagerDutyPayload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses the alert payloads Fireline accepts into {@link AlertEvent}s: Prometheus Alertmanager's
 * webhook (version 4), PagerDuty Events API v2, and Fireline's own generic shape.
 *
 * <p>Every parser either returns an event or throws {@link InvalidAlert} listing every problem (up
 * to {@value PayloadJson#MAX_PROBLEMS}) with its JSON path; no other exception escapes, whatever
 * the input. Body size is the HTTP layer's concern; nesting is limited to {@value
 * PayloadJson#MAX_DEPTH} levels and numbers to {@value PayloadJson#MAX_NUMBER_LENGTH} digits. JSON
 * {@code null} is treated as absent for optional fields. Duplicate keys are refused.
 */
public final class AlertParsers {
  private static final Logger log = LoggerFactory.getLogger(AlertParsers.class);

  /** Longest summary PagerDuty (and the generic shape) accepts. */
  public static final int MAX_SUMMARY = 1024;

  /** Longest dedup key PagerDuty (and the generic shape) accepts. */
  public static final int MAX_DEDUP_KEY = 255;

  /** Longest routing key accepted (PagerDuty's are 32 characters; ours may differ). */
  public static final int MAX_ROUTING_KEY = 255;

  /** Longest details text kept; longer text is cut and ends with an ellipsis. */
  public static final int MAX_DETAILS = 4096;

  static final String INTERNAL_ERROR = "the alert could not be processed";

  private AlertParsers() {}

  /**
   * A PagerDuty Events API v2 event and the routing key it was sent with (the caller resolves it to
   * a service and, on a trigger without a dedup key, generates and returns one).
   */
  public record PagerDutyEvent(String routingKey, AlertEvent event) {}

  // ================================================================ Alertmanager

  private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  /**
   * One event per Alertmanager webhook (a group of alerts): TRIGGER while the group is firing,
   * RESOLVE once it is resolved; the dedup key is the group key. Unknown keys are ignored
   * (Alertmanager adds fields over versions); known keys must have their documented types.
   */
  public static AlertEvent alertmanager(String json) {
    return guarded("alertmanager", () -> parseAlertmanager(json));
  }

  private static AlertEvent parseAlertmanager(String json) {
    var problems = new PayloadBinding<>(json, AlertmanagerWebhook.class);
    AlertmanagerWebhook hook = problems.value();
    if (hook.version() != null && !hook.version().equals("4")) {
      problems.problem(
          "version",
          "unsupported webhook version \""
              + PayloadJson.truncate(hook.version(), 20)
              + "\"; expected \"4\"");
    }
    List<Alert> alerts = new ArrayList<>();
    Map<String, Integer> fingerprints = new HashMap<>();
    List<AlertmanagerAlert> given = hook.alerts() == null ? List.of() : hook.alerts();
    for (int i = 0; i < given.size(); i++) {
      String path = PayloadJson.index("alerts", i);
      AlertmanagerAlert a = given.get(i);
      if (!problems.any(path)) { // null, a wrong type or a wrong field
        Alert alert = alertmanagerAlert(a);
        Integer first = fingerprints.putIfAbsent(alert.fingerprint(), i);
        if (first != null) {
          problems.problem(
              path + ".fingerprint", "duplicate fingerprint (also alerts[" + first + "])");
        }
        alerts.add(alert);
      }
    }
    problems.throwIfAny();

    String receiver = nonBlankOrNull(hook.receiver());
    String externalUrl = hook.externalUrl();
    Integer truncated = hook.truncatedAlerts() == null ? null : hook.truncatedAlerts().intValue();
    Map<String, String> groupLabels = orEmpty(hook.groupLabels());
    Map<String, String> commonLabels = orEmpty(hook.commonLabels());
    Map<String, String> commonAnnotations = orEmpty(hook.commonAnnotations());
    long firing = alerts.stream().filter(Alert::firing).count();
    String summary = nonBlankOrNull(commonAnnotations.get("summary"));
    if (summary != null) {
      summary = PayloadJson.truncate(summary, MAX_SUMMARY);
    } else {
      String alertname = nonBlankOrNull(commonLabels.get("alertname"));
      if (alertname == null) {
        alertname = nonBlankOrNull(groupLabels.get("alertname"));
      }
      if (alertname != null) {
        String count = firing > 0 ? " (" + firing + " firing)" : "";
        summary = PayloadJson.truncate(alertname + count, MAX_SUMMARY);
      } else {
        summary = "Alertmanager alert group";
      }
    }

    String severity = nonBlankOrNull(commonLabels.get("severity"));
    if (severity == null && !alerts.isEmpty()) {
      severity = nonBlankOrNull(alerts.get(0).labels().get("severity"));
    }

    String source = receiver != null ? receiver : nonBlankOrNull(externalUrl);

    Instant startedAt = null;
    for (Alert a : alerts) {
      if (a.startsAt() != null && (startedAt == null || a.startsAt().isBefore(startedAt))) {
        startedAt = a.startsAt();
      }
    }

    String link = null;
    for (Alert a : alerts) {
      if (a.generatorUrl() != null) {
        link = a.generatorUrl();
        break;
      }
    }
    if (link == null && PayloadJson.isHttpUrl(externalUrl)) {
      link = externalUrl;
    }

    return new AlertEvent(
        "firing".equals(hook.status()) ? Action.TRIGGER : Action.RESOLVE,
        hook.groupKey(),
        summary,
        source,
        severity,
        startedAt,
        commonLabels.isEmpty() ? groupLabels : commonLabels,
        link,
        alertmanagerDetails(commonAnnotations, truncated),
        List.copyOf(alerts),
        alertmanagerDescription(commonAnnotations, alerts));
  }

  /**
   * What a page says of the group: the common {@code description} annotation, else the first firing
   * alert's (annotations that differ between alerts are not common), else that alert's {@code
   * summary} when the group has no common one (the title is then only the alert name).
   */
  private static String alertmanagerDescription(Map<String, String> common, List<Alert> alerts) {
    String description = nonBlankOrNull(common.get("description"));
    Alert first =
        alerts.stream()
            .filter(Alert::firing)
            .findFirst()
            .orElse(alerts.isEmpty() ? null : alerts.get(0));
    if (description == null && first != null) {
      description = nonBlankOrNull(first.annotations().get("description"));
      if (description == null && nonBlankOrNull(common.get("summary")) == null) {
        description = nonBlankOrNull(first.annotations().get("summary"));
      }
    }
    return description == null ? null : PayloadJson.truncate(description, MAX_DETAILS);
  }

  private static Alert alertmanagerAlert(AlertmanagerAlert a) {
    return new Alert(
        a.fingerprint(),
        "firing".equals(a.status()),
        orEmpty(a.labels()),
        orEmpty(a.annotations()),
        goTime(a.startsAt()),
        goTime(a.endsAt()),
        PayloadJson.isHttpUrl(a.generatorUrl()) ? a.generatorUrl() : null);
  }

  /** Go's zero time (how Alertmanager writes "not set") as null. */
  private static Instant goTime(Instant t) {
    return GO_ZERO_TIME.equals(t) ? null : t;
  }

  /** The description first, then the other annotations (bar the summary) as "name: value" lines. */
  private static String alertmanagerDetails(Map<String, String> annotations, Integer truncated) {
    List<String> lines = new ArrayList<>();
    String description = nonBlankOrNull(annotations.get("description"));
    if (description != null) {
      lines.add(description);
    }
    for (Map.Entry<String, String> e : annotations.entrySet()) {
      boolean shown = e.getKey().equals("summary") || e.getKey().equals("description");
      if (!shown && !e.getValue().isBlank()) {
        lines.add(e.getKey() + ": " + e.getValue());
      }
    }
    if (truncated != null && truncated > 0) {
      lines.add("(" + truncated + " more alerts not sent: truncated by Alertmanager's max_alerts)");
    }
    return lines.isEmpty() ? null : PayloadJson.truncate(String.join("\n", lines), MAX_DETAILS);
  }

  // ================================================================ PagerDuty Events API v2

  /**
   * A PagerDuty Events API v2 alert event (trigger, acknowledge or resolve), strictly: unknown keys
   * at the top level, in the payload, links and images are problems. The dedup key is null on a
   * trigger without one. The routing key's length is not fixed at 32 (at most 255).
   */
  public static PagerDutyEvent pagerDuty(String json) {
    return guarded("pagerduty", () -> parsePagerDuty(json));
  }

  private static PagerDutyEvent parsePagerDuty(String json) {
    var problems = new PayloadBinding<>(json, PayloadModel.PagerDutyEvent.class);
    PayloadModel.PagerDutyEvent e = problems.value();
    String actionText = problems.has("event_action") ? null : e.eventAction();
    boolean trigger = "trigger".equals(actionText);
    if (actionText != null && !trigger) {
      require(problems, e.dedupKey(), "dedup_key");
    }
    PagerDutyPayload payload = e.payload();
    if (trigger && payload == null) {
      problems.problem("payload", "is required for a trigger");
    } else if (trigger) {
      // PagerDuty ignores the payload of the other actions
      require(problems, payload.summary(), "payload.summary");
      require(problems, payload.source(), "payload.source");
      require(problems, payload.severity(), "payload.severity");
    }
    problems.throwIfAny();

    String link = e.links() == null || e.links().isEmpty() ? null : e.links().get(0).href();
    Map<String, String> labels = new LinkedHashMap<>();
    String details = null;
    String description = null;
    if (payload != null) {
      ObjectNode custom = payload.customDetails();
      if (custom != null && !custom.isEmpty()) {
        details = PayloadJson.truncate(PayloadJson.clean(PayloadJson.compact(custom)), MAX_DETAILS);
        description = customDescription(custom);
      }
      putIfPresent(labels, "source", payload.source());
      putIfPresent(labels, "component", payload.component());
      putIfPresent(labels, "group", payload.group());
      putIfPresent(labels, "class", payload.clazz());
      putIfPresent(labels, "severity", payload.severity());
    }
    AlertEvent event =
        new AlertEvent(
            action(actionText),
            e.dedupKey(),
            payload == null ? null : payload.summary(),
            payload == null ? null : payload.source(),
            payload == null ? null : payload.severity(),
            payload == null ? null : payload.timestamp(),
            Collections.unmodifiableMap(labels),
            link != null ? link : e.clientUrl(),
            details,
            List.of(),
            description);
    return new PagerDutyEvent(e.routingKey(), event);
  }

  /** Custom details' fields a person would call the description, in this order of preference. */
  private static final List<String> PD_DESCRIPTION_KEYS =
      List.of("description", "summary", "message", "details");

  /**
   * A page's description from PagerDuty's free-form custom details: the first text field named like
   * a description (any case); null when none is (the whole object as JSON is no sentence to page).
   */
  private static String customDescription(ObjectNode custom) {
    for (String wanted : PD_DESCRIPTION_KEYS) {
      for (java.util.Iterator<String> names = custom.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        JsonNode value = custom.get(name);
        if (name.equalsIgnoreCase(wanted) && value.isTextual() && !value.asText().isBlank()) {
          return PayloadJson.truncate(PayloadJson.clean(value.asText()), MAX_DETAILS);
        }
      }
    }
    return null;
  }

  // ================================================================ generic

  /**
   * Fireline's own shape, strictly (unknown keys are problems):
   *
   * <pre>{@code
   * { "action": "trigger" | "resolve" | "acknowledge",   (default trigger)
   *   "dedup_key": string,      (required to resolve or acknowledge; at most 255)
   *   "summary": string,        (required to trigger; at most 1024)
   *   "severity": string, "source": string,
   *   "labels": { string: string },
   *   "link": "http(s) URL", "details": string,
   *   "started_at": ISO-8601 timestamp with offset }
   * }</pre>
   */
  public static AlertEvent generic(String json) {
    return guarded("generic", () -> parseGeneric(json));
  }

  private static AlertEvent parseGeneric(String json) {
    var problems = new PayloadBinding<>(json, Generic.class);
    Generic g = problems.value();
    String actionText = problems.has("action") ? null : g.action() == null ? "trigger" : g.action();
    boolean trigger = "trigger".equals(actionText);
    if (actionText != null && !trigger) {
      require(problems, g.dedupKey(), "dedup_key");
    }
    if (trigger) {
      require(problems, g.summary(), "summary");
    }
    problems.throwIfAny();

    String details =
        g.details() == null || g.details().isBlank()
            ? null
            : PayloadJson.truncate(g.details(), MAX_DETAILS);
    return new AlertEvent(
        action(actionText),
        g.dedupKey(),
        g.summary(),
        g.source(),
        g.severity(),
        g.startedAt(),
        orEmpty(g.labels()),
        g.link(),
        details,
        List.of(),
        details);
  }

  // ================================================================ shared

  private static Action action(String text) {
    return switch (text) {
      case "acknowledge" -> Action.ACKNOWLEDGE;
      case "resolve" -> Action.RESOLVE;
      default -> Action.TRIGGER;
    };
  }

  private static void putIfPresent(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static String nonBlankOrNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** InvalidAlert passes; anything else is a bug, logged, and reported as an InvalidAlert. */
  private static <T> T guarded(String format, Supplier<T> parse) {
    try {
      return parse.get();
    } catch (InvalidAlert e) {
      throw e;
    } catch (RuntimeException e) {
      log.error("Unexpected failure parsing a {} alert payload", format, e);
      throw InvalidAlert.of("", INTERNAL_ERROR);
    }
  }

  /** A field a rule across fields requires: "is required" unless it has a problem already. */
  private static void require(PayloadBinding<?> problems, String value, String field) {
    if (value == null) {
      problems.problem(field, PayloadModel.REQUIRED);
    }
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
