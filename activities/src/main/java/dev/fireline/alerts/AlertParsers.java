package dev.fireline.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fireline.alerts.AlertEvent.Action;
import dev.fireline.alerts.AlertEvent.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
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

  private static final List<String> AM_STATUSES = List.of("firing", "resolved");
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
    ObjectNode root = PayloadJson.parseObject(json);
    PayloadJson.Reader r = new PayloadJson.Reader();

    String version = r.string(root, "version", "version");
    if (version != null && !version.equals("4")) {
      r.problem(
          "version",
          "unsupported webhook version \""
              + PayloadJson.truncate(version, 20)
              + "\"; expected \"4\"");
    }
    String groupKey = r.required(root, "groupKey", "groupKey");
    String status = r.oneOf(r.required(root, "status", "status"), "status", AM_STATUSES);
    String receiver = nonBlankOrNull(r.string(root, "receiver", "receiver"));
    String externalUrl = r.string(root, "externalURL", "externalURL");
    Integer truncated = r.count(root, "truncatedAlerts", "truncatedAlerts");
    Map<String, String> groupLabels = r.stringMap(root, "groupLabels", "groupLabels");
    Map<String, String> commonLabels = r.stringMap(root, "commonLabels", "commonLabels");
    Map<String, String> commonAnnotations =
        r.stringMap(root, "commonAnnotations", "commonAnnotations");

    List<Alert> alerts = new ArrayList<>();
    ArrayNode alertNodes = r.array(root, "alerts", "alerts");
    if (alertNodes == null && PayloadJson.Reader.value(root, "alerts") == null) {
      r.problem("alerts", "is required");
    } else if (alertNodes != null) {
      Map<String, Integer> fingerprints = new HashMap<>();
      for (int i = 0; i < alertNodes.size(); i++) {
        Alert alert = alertmanagerAlert(r, alertNodes.get(i), PayloadJson.index("alerts", i));
        if (alert != null) {
          Integer first = fingerprints.putIfAbsent(alert.fingerprint(), i);
          if (first != null) {
            r.problem(
                PayloadJson.index("alerts", i) + ".fingerprint",
                "duplicate fingerprint (also alerts[" + first + "])");
          }
          alerts.add(alert);
        }
      }
    }
    r.throwIfAny();

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
        "firing".equals(status) ? Action.TRIGGER : Action.RESOLVE,
        groupKey,
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

  private static Alert alertmanagerAlert(PayloadJson.Reader r, JsonNode node, String path) {
    if (!node.isObject()) {
      r.wrongType(path, "an object", node);
      return null;
    }
    ObjectNode a = (ObjectNode) node;
    int before = r.count();
    String fingerprint = r.required(a, "fingerprint", path + ".fingerprint");
    String status =
        r.oneOf(r.required(a, "status", path + ".status"), path + ".status", AM_STATUSES);
    Map<String, String> labels = r.stringMap(a, "labels", path + ".labels");
    Map<String, String> annotations = r.stringMap(a, "annotations", path + ".annotations");
    Instant startsAt = goTime(r.timestamp(a, "startsAt", path + ".startsAt"));
    Instant endsAt = goTime(r.timestamp(a, "endsAt", path + ".endsAt"));
    String generatorUrl = r.string(a, "generatorURL", path + ".generatorURL");
    if (r.count() > before) {
      return null;
    }
    return new Alert(
        fingerprint,
        "firing".equals(status),
        labels,
        annotations,
        startsAt,
        endsAt,
        PayloadJson.isHttpUrl(generatorUrl) ? generatorUrl : null);
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

  private static final List<String> PD_ACTIONS = List.of("trigger", "acknowledge", "resolve");
  private static final List<String> PD_SEVERITIES = List.of("critical", "error", "warning", "info");
  private static final Set<String> PD_KEYS =
      Set.of(
          "routing_key",
          "event_action",
          "dedup_key",
          "payload",
          "images",
          "links",
          "client",
          "client_url");
  private static final Set<String> PD_PAYLOAD_KEYS =
      Set.of(
          "summary",
          "source",
          "severity",
          "timestamp",
          "component",
          "group",
          "class",
          "custom_details");
  private static final Set<String> PD_LINK_KEYS = Set.of("href", "text");
  private static final Set<String> PD_IMAGE_KEYS = Set.of("src", "href", "alt");
  private static final Map<String, String> PD_V1_HINTS =
      Map.of(
          "service_key", "Events API v1; use routing_key",
          "event_type", "Events API v1; use event_action",
          "incident_key", "Events API v1; use dedup_key",
          "description", "Events API v1; use payload.summary",
          "details", "Events API v1; use payload.custom_details",
          "contexts", "Events API v1; use links and images");

  /**
   * A PagerDuty Events API v2 alert event (trigger, acknowledge or resolve), strictly: unknown keys
   * at the top level, in the payload, links and images are problems. The dedup key is null on a
   * trigger without one. The routing key's length is not fixed at 32 (at most 255).
   */
  public static PagerDutyEvent pagerDuty(String json) {
    return guarded("pagerduty", () -> parsePagerDuty(json));
  }

  private static PagerDutyEvent parsePagerDuty(String json) {
    ObjectNode root = PayloadJson.parseObject(json);
    PayloadJson.Reader r = new PayloadJson.Reader();
    r.unknownKeys(root, "", PD_KEYS, PD_V1_HINTS);

    String routingKey =
        r.maxLength(r.required(root, "routing_key", "routing_key"), "routing_key", MAX_ROUTING_KEY);
    String actionText =
        r.oneOf(r.required(root, "event_action", "event_action"), "event_action", PD_ACTIONS);
    boolean trigger = "trigger".equals(actionText);
    boolean followUp = actionText != null && !trigger;

    String dedupKey =
        followUp
            ? r.required(root, "dedup_key", "dedup_key")
            : r.nonBlank(root, "dedup_key", "dedup_key");
    dedupKey = r.maxLength(dedupKey, "dedup_key", MAX_DEDUP_KEY);

    String summary = null;
    String source = null;
    String severity = null;
    Instant timestamp = null;
    Map<String, String> labels = new LinkedHashMap<>();
    String details = null;
    String description = null;
    ObjectNode payload = r.object(root, "payload", "payload");
    if (payload == null && trigger && PayloadJson.Reader.value(root, "payload") == null) {
      r.problem("payload", "is required for a trigger");
    }
    if (payload != null) {
      r.unknownKeys(payload, "payload", PD_PAYLOAD_KEYS);
      // the three are required on a trigger; PagerDuty ignores the payload of the other actions
      if (trigger) {
        summary = r.required(payload, "summary", "payload.summary");
        source = r.required(payload, "source", "payload.source");
        severity = r.required(payload, "severity", "payload.severity");
      } else {
        summary = r.nonBlank(payload, "summary", "payload.summary");
        source = r.nonBlank(payload, "source", "payload.source");
        severity = r.nonBlank(payload, "severity", "payload.severity");
      }
      summary = r.maxLength(summary, "payload.summary", MAX_SUMMARY);
      severity = r.oneOf(severity, "payload.severity", PD_SEVERITIES);
      timestamp = r.timestamp(payload, "timestamp", "payload.timestamp");
      String component = r.nonBlank(payload, "component", "payload.component");
      String group = r.nonBlank(payload, "group", "payload.group");
      String clazz = r.nonBlank(payload, "class", "payload.class");
      ObjectNode custom = r.object(payload, "custom_details", "payload.custom_details");
      if (custom != null && !custom.isEmpty()) {
        details = PayloadJson.truncate(PayloadJson.clean(PayloadJson.compact(custom)), MAX_DETAILS);
        description = customDescription(custom);
      }
      putIfPresent(labels, "source", source);
      putIfPresent(labels, "component", component);
      putIfPresent(labels, "group", group);
      putIfPresent(labels, "class", clazz);
      putIfPresent(labels, "severity", severity);
    }

    List<String> links = new ArrayList<>();
    eachObject(
        r,
        root,
        "links",
        PD_LINK_KEYS,
        "href",
        (path, l) -> {
          links.add(r.httpUrl(l, "href", path + ".href"));
          r.string(l, "text", path + ".text");
        });
    String link = links.stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    eachObject(
        r,
        root,
        "images",
        PD_IMAGE_KEYS,
        "src",
        (path, im) -> {
          r.httpUrl(im, "src", path + ".src");
          r.httpUrl(im, "href", path + ".href");
          r.string(im, "alt", path + ".alt");
        });
    r.string(root, "client", "client");
    String clientUrl = r.httpUrl(root, "client_url", "client_url");
    r.throwIfAny();

    AlertEvent event =
        new AlertEvent(
            action(actionText),
            dedupKey,
            summary,
            source,
            severity,
            timestamp,
            Collections.unmodifiableMap(labels),
            link != null ? link : clientUrl,
            details,
            List.of(),
            description);
    return new PagerDutyEvent(routingKey, event);
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

  private static final List<String> GENERIC_ACTIONS = List.of("trigger", "resolve", "acknowledge");
  private static final Set<String> GENERIC_KEYS =
      Set.of(
          "action",
          "dedup_key",
          "summary",
          "severity",
          "source",
          "labels",
          "link",
          "details",
          "started_at");

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
    ObjectNode root = PayloadJson.parseObject(json);
    PayloadJson.Reader r = new PayloadJson.Reader();
    r.unknownKeys(root, "", GENERIC_KEYS);

    String actionText = "trigger";
    if (PayloadJson.Reader.value(root, "action") != null) {
      actionText = r.oneOf(r.string(root, "action", "action"), "action", GENERIC_ACTIONS);
    }
    boolean trigger = "trigger".equals(actionText);
    boolean followUp = actionText != null && !trigger;

    String dedupKey =
        followUp
            ? r.required(root, "dedup_key", "dedup_key")
            : r.nonBlank(root, "dedup_key", "dedup_key");
    dedupKey = r.maxLength(dedupKey, "dedup_key", MAX_DEDUP_KEY);
    String summary =
        trigger ? r.required(root, "summary", "summary") : r.nonBlank(root, "summary", "summary");
    summary = r.maxLength(summary, "summary", MAX_SUMMARY);
    String severity = r.nonBlank(root, "severity", "severity");
    String source = r.nonBlank(root, "source", "source");
    Map<String, String> labels = r.stringMap(root, "labels", "labels");
    String link = r.httpUrl(root, "link", "link");
    String details = r.string(root, "details", "details");
    Instant startedAt = r.timestamp(root, "started_at", "started_at");
    r.throwIfAny();

    return new AlertEvent(
        action(actionText),
        dedupKey,
        summary,
        source,
        severity,
        startedAt,
        labels,
        link,
        details == null || details.isBlank() ? null : PayloadJson.truncate(details, MAX_DETAILS),
        List.of(),
        details == null || details.isBlank() ? null : PayloadJson.truncate(details, MAX_DETAILS));
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

  /**
   * Reads each object of the array {@code key} with {@code read(path, object)}, after checking it
   * for unknown keys and {@code required}; anything that is not an object is noted as a problem.
   */
  private static void eachObject(
      PayloadJson.Reader r,
      ObjectNode root,
      String key,
      Set<String> allowed,
      String required,
      BiConsumer<String, ObjectNode> read) {
    ArrayNode array = r.array(root, key, key);
    if (array == null) {
      return;
    }
    for (int i = 0; i < array.size(); i++) {
      String path = PayloadJson.index(key, i);
      JsonNode node = array.get(i);
      if (!node.isObject()) {
        r.wrongType(path, "an object", node);
        continue;
      }
      ObjectNode object = (ObjectNode) node;
      r.unknownKeys(object, path, allowed);
      if (PayloadJson.Reader.value(object, required) == null) {
        r.problem(path + "." + required, "is required");
      }
      read.accept(path, object);
    }
  }
}
