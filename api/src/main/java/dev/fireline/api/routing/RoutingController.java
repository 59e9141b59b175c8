package dev.fireline.api.routing;

import dev.fireline.alerts.AlertEvent;
import dev.fireline.alerts.AlertParsers;
import dev.fireline.alerts.InvalidAlert;
import dev.fireline.api.directory.InvalidEntry;
import dev.fireline.api.directory.InvalidEntry.FieldError;
import dev.fireline.api.problem.ApiProblem;
import dev.fireline.routing.RoutedAlerts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The routing rules of the routing keys: read, replace (admin), and try on a payload (the dry-run:
 * which rule each alert hits and what follows, nothing stored).
 */
@RestController
class RoutingController {
  private static final List<String> FORMATS = List.of("alertmanager", "events-v2", "generic");

  private final RoutingService routing;
  private final RoutedAlerts routed;

  RoutingController(RoutingService routing, RoutedAlerts routed) {
    this.routing = routing;
    this.routed = routed;
  }

  @GetMapping("/api/routing")
  Map<String, Object> get() {
    return routing.current();
  }

  @PutMapping("/api/routing")
  Map<String, Object> put(@RequestBody Map<String, Object> body) {
    return routing.replace(body);
  }

  /** {@code {format, payload}}: the payload as it would be posted to that format's endpoint. */
  @PostMapping("/api/routing/dry-run")
  Map<String, Object> dryRun(@RequestBody JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidEntry(
          List.of(new FieldError("", "expected {\"format\": ..., \"payload\": {...}}")));
    }
    String format = body.path("format").isString() ? body.path("format").asString() : null;
    if (format == null || !FORMATS.contains(format)) {
      throw ApiProblem.badRequest("format", "must be one of " + String.join(", ", FORMATS));
    }
    JsonNode payload = body.get("payload");
    if (payload == null || !payload.isObject()) {
      throw ApiProblem.badRequest("payload", "must be the alert payload, a JSON object");
    }
    if (format.equals("events-v2") && !payload.has("routing_key")) {
      // the key chooses nothing here: the stored rules are tried
      ((ObjectNode) payload).put("routing_key", "dry-run");
    }
    String raw = payload.toString();
    AlertEvent event;
    try {
      event =
          switch (format) {
            case "alertmanager" -> AlertParsers.alertmanager(raw);
            case "events-v2" -> AlertParsers.pagerDuty(raw).event();
            default -> AlertParsers.generic(raw);
          };
    } catch (InvalidAlert invalid) {
      throw new InvalidEntry(
          invalid.problems().stream()
              .map(
                  p -> {
                    String field = p.field().isEmpty() ? "payload" : "payload." + p.field();
                    return new FieldError(field, field + ": " + p.message());
                  })
              .toList());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("format", format);
    out.put("alerts", routed.dryRun(format, event, raw));
    return out;
  }
}
