package dev.fireline.api.alerts;

import dev.fireline.alerts.AlertEvent;
import dev.fireline.alerts.AlertParsers;
import dev.fireline.alerts.AlertRouter;
import dev.fireline.alerts.InvalidAlert;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.routing.RoutedAlerts;
import dev.fireline.routing.RoutingDefinition;
import dev.fireline.routing.RoutingStore;
import dev.fireline.routing.Unrouted;
import dev.fireline.security.ApiKeys;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alert ingestion: Prometheus Alertmanager (webhook v4), PagerDuty Events API v2, and a generic
 * shape. Authenticated by a service's integration key, or by a routing key: then the routing rules
 * pick the service (and more) per alert ({@link RoutedAlerts}); an alert they cannot route is
 * answered 422 and nothing of the payload is stored. Answers 202 once the event is stored.
 */
@RestController
class AlertController {
  static final int MAX_BODY = 512 * 1024;

  private final AlertRouter router;
  private final DirectoryStore directory;
  private final IntegrationKeyLimiter limiter;
  private final RoutingStore routing;
  private final RoutedAlerts routed;

  AlertController(
      AlertRouter router,
      DirectoryStore directory,
      IntegrationKeyLimiter limiter,
      RoutingStore routing,
      RoutedAlerts routed) {
    this.router = router;
    this.directory = directory;
    this.limiter = limiter;
    this.routing = routing;
    this.routed = routed;
  }

  /** A presented key: a service's integration key, or a routing key with its rules. */
  private record Destination(String service, RoutingDefinition rules) {}

  @PostMapping("/api/alerts/alertmanager")
  ResponseEntity<Map<String, Object>> alertmanager(HttpServletRequest request) {
    return ingest(request, "alertmanager", keyOf(request), AlertParsers::alertmanager);
  }

  @PostMapping("/api/alerts")
  ResponseEntity<Map<String, Object>> generic(HttpServletRequest request) {
    return ingest(request, "generic", keyOf(request), AlertParsers::generic);
  }

  /** PagerDuty-compatible: the key is the event's routing_key; answers in PagerDuty's shape. */
  @PostMapping("/api/alerts/events/v2")
  ResponseEntity<Map<String, Object>> eventsV2(HttpServletRequest request) {
    Optional<ResponseEntity<Map<String, Object>>> refused = tooLarge(request);
    if (refused.isPresent()) {
      return refused.get();
    }
    AlertParsers.PagerDutyEvent parsed;
    String raw;
    try {
      raw = body(request);
      parsed = AlertParsers.pagerDuty(raw);
    } catch (InvalidAlert invalid) {
      return pagerDutyInvalid(invalid.problems().stream().map(Object::toString).toList());
    } catch (BodyTooLarge e) {
      return tooLargeAnswer();
    }
    Optional<Destination> destination = destinationOf(parsed.routingKey());
    if (destination.isEmpty()) {
      return answer(
          HttpStatus.UNAUTHORIZED,
          Map.of(
              "status",
              "invalid event",
              "message",
              "routing_key: " + UNKNOWN_KEY,
              "errors",
              List.of("routing_key: " + UNKNOWN_KEY)));
    }
    Optional<ResponseEntity<Map<String, Object>>> limited = rateLimited(parsed.routingKey());
    if (limited.isPresent()) {
      return limited.get();
    }
    String dedupKey;
    if (destination.get().service() != null) {
      dedupKey = router.accept(destination.get().service(), "events-v2", parsed.event()).dedupKey();
    } else {
      List<RoutedAlerts.Routed> parts;
      try {
        parts = routed.accept(destination.get().rules(), "events-v2", parsed.event(), raw);
      } catch (Unrouted unrouted) {
        return answer(
            HttpStatus.UNPROCESSABLE_CONTENT,
            Map.of(
                "status",
                "invalid event",
                "message",
                unrouted.getMessage(),
                "errors",
                List.of(unrouted.getMessage())));
      }
      dedupKey = parts.get(0).dedupKey();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "success");
    body.put("message", "Event processed");
    body.put("dedup_key", dedupKey);
    return answer(HttpStatus.ACCEPTED, body);
  }

  private ResponseEntity<Map<String, Object>> ingest(
      HttpServletRequest request, String format, String key, Function<String, AlertEvent> parser) {
    Optional<ResponseEntity<Map<String, Object>>> refused = tooLarge(request);
    if (refused.isPresent()) {
      return refused.get();
    }
    Optional<Destination> destination = key == null ? Optional.empty() : destinationOf(key);
    if (destination.isEmpty()) {
      return problem(
          HttpStatus.UNAUTHORIZED,
          "key",
          key == null
              ? "an integration key is required: Authorization: Bearer <key>, X-Fireline-Key or ?key="
              : UNKNOWN_KEY);
    }
    AlertEvent event;
    String raw;
    try {
      raw = body(request);
      event = parser.apply(raw);
    } catch (InvalidAlert invalid) {
      Map<String, Object> problem = problemBody(HttpStatus.BAD_REQUEST, invalid.getMessage());
      problem.put(
          "errors",
          invalid.problems().stream()
              .map(p -> Map.of("field", p.field(), "message", p.toString()))
              .toList());
      return answer(HttpStatus.BAD_REQUEST, problem);
    } catch (BodyTooLarge e) {
      return tooLargeAnswer();
    }
    Optional<ResponseEntity<Map<String, Object>>> limited = rateLimited(key);
    if (limited.isPresent()) {
      return limited.get();
    }
    if (destination.get().rules() != null) {
      return routedAnswer(format, event, raw, destination.get().rules());
    }
    AlertRouter.Result result = router.accept(destination.get().service(), format, event);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "accepted");
    body.put("outcome", result.outcome());
    body.put("dedup_key", result.dedupKey());
    body.put("incident", result.incidentKey());
    return answer(HttpStatus.ACCEPTED, body);
  }

  /**
   * The first part's outcome at the top (as for an integration key), every part under {@code
   * routed}: an Alertmanager group may go to several services.
   */
  private ResponseEntity<Map<String, Object>> routedAnswer(
      String format, AlertEvent event, String raw, RoutingDefinition rules) {
    List<RoutedAlerts.Routed> parts;
    try {
      parts = routed.accept(rules, format, event, raw);
    } catch (Unrouted unrouted) {
      Map<String, Object> problem =
          problemBody(HttpStatus.UNPROCESSABLE_CONTENT, unrouted.getMessage());
      problem.put(
          "errors",
          unrouted.fields().stream()
              .map(field -> Map.of("field", field, "message", unrouted.getMessage()))
              .toList());
      return answer(HttpStatus.UNPROCESSABLE_CONTENT, problem);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "accepted");
    body.put("outcome", parts.get(0).outcome());
    body.put("dedup_key", parts.get(0).dedupKey());
    body.put("incident", parts.get(0).incidentKey());
    body.put("service", parts.get(0).service());
    body.put("rule", parts.get(0).rule());
    body.put("routed", parts.stream().map(AlertController::routedView).toList());
    return answer(HttpStatus.ACCEPTED, body);
  }

  private static Map<String, Object> routedView(RoutedAlerts.Routed part) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("service", part.service());
    view.put("rule", part.rule());
    view.put("outcome", part.outcome());
    view.put("dedup_key", part.dedupKey());
    view.put("incident", part.incidentKey());
    view.put("urgency", part.urgency());
    view.put("alerts", part.alerts());
    return view;
  }

  private static final String UNKNOWN_KEY =
      "not an integration key of any service, nor a routing key";

  /** Integration keys first: a key both would be refused when stored, so order never decides. */
  private Optional<Destination> destinationOf(String key) {
    String hash = ApiKeys.hash(key);
    Optional<String> service = directory.serviceForKeyHash(hash);
    if (service.isPresent()) {
      return Optional.of(new Destination(service.get(), null));
    }
    return routing.forKeyHash(hash).map(rules -> new Destination(null, rules));
  }

  private Optional<ResponseEntity<Map<String, Object>>> rateLimited(String key) {
    return limiter
        .acquire(key)
        .map(
            wait -> {
              Map<String, Object> body =
                  problemBody(
                      HttpStatus.TOO_MANY_REQUESTS,
                      "too many events for this integration key; retry after "
                          + seconds(wait)
                          + " s");
              return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                  .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds(wait)))
                  .body(body);
            });
  }

  private static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  private static String keyOf(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).trim();
    }
    if (request.getHeader("X-Fireline-Key") != null) {
      return request.getHeader("X-Fireline-Key").trim();
    }
    return request.getParameter("key");
  }

  private static Optional<ResponseEntity<Map<String, Object>>> tooLarge(
      HttpServletRequest request) {
    return request.getContentLengthLong() > MAX_BODY
        ? Optional.of(tooLargeAnswer())
        : Optional.empty();
  }

  private static ResponseEntity<Map<String, Object>> tooLargeAnswer() {
    return answer(
        HttpStatus.CONTENT_TOO_LARGE,
        problemBody(
            HttpStatus.CONTENT_TOO_LARGE, "the payload is larger than " + MAX_BODY / 1024 + " KB"));
  }

  private static final class BodyTooLarge extends RuntimeException {}

  private static String body(HttpServletRequest request) {
    try (InputStream in = request.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new BodyTooLarge();
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw InvalidAlert.of("", "the request body could not be read");
    }
  }

  private static ResponseEntity<Map<String, Object>> pagerDutyInvalid(List<String> errors) {
    return answer(
        HttpStatus.BAD_REQUEST,
        Map.of("status", "invalid event", "message", "Event object is invalid", "errors", errors));
  }

  private static ResponseEntity<Map<String, Object>> problem(
      HttpStatus status, String field, String message) {
    Map<String, Object> body = problemBody(status, field + ": " + message);
    body.put("errors", List.of(Map.of("field", field, "message", field + ": " + message)));
    return answer(status, body);
  }

  private static Map<String, Object> problemBody(HttpStatus status, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", status.getReasonPhrase());
    body.put("status", status.value());
    body.put("detail", detail);
    return body;
  }

  private static ResponseEntity<Map<String, Object>> answer(
      HttpStatus status, Map<String, Object> body) {
    return ResponseEntity.status(status).body(body);
  }
}
