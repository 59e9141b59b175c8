package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.fireline.standalone.RawHttp.Answer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMethodMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;

/**
 * Every route the running app serves, read from its live handler mappings (controllers, actuator,
 * springdoc, resource handlers), is called without credentials and with a wrong API key: each must
 * answer 401, except the few public routes below, each with its reason and, where it has a
 * credential of its own, a check that a missing or wrong one is refused. A new route nobody
 * protected, or a new public route nobody listed here, fails this test.
 */
class RouteAuthTest extends OpenRoutesApp {
  private static final String WRONG_KEY =
      "Authorization: Bearer fl_0123456789abcdef0123456789abcdef01234567\r\n";

  /** Public on purpose: pattern → why. */
  private static final Map<String, String> PUBLIC =
      Map.ofEntries(
          Map.entry("/status", "the public status page"),
          Map.entry("/api/status", "the public status page as JSON, for widgets"),
          Map.entry("/links/{token}", "e-mail Acknowledge/Resolve links: the HMAC-signed token"),
          Map.entry("/api/alerts", "alert ingestion: a service's integration key"),
          Map.entry("/api/alerts/alertmanager", "alert ingestion: a service's integration key"),
          Map.entry("/api/alerts/events/v2", "alert ingestion: the event's routing_key"),
          Map.entry("/api/heartbeats/{key}", "heartbeat pings: the ping key"),
          Map.entry("/api/twilio/sms", "Twilio webhook: X-Twilio-Signature"),
          Map.entry("/api/twilio/voice/gather", "Twilio webhook: X-Twilio-Signature"),
          Map.entry("/api/twilio/status", "Twilio webhook: X-Twilio-Signature"),
          Map.entry("/api/slack/commands", "Slack slash command: X-Slack-Signature"),
          Map.entry("/api/slack/interactions", "Slack buttons and modals: X-Slack-Signature"),
          Map.entry("/api/slack/events", "Slack Events API: X-Slack-Signature"),
          Map.entry("/api/calendars/schedules/{id}.ics", "calendar feed: the API key as ?key="),
          Map.entry("/api/calendars/people/{id}.ics", "calendar feed: the API key as ?key="),
          Map.entry("/actuator/health", "health for load balancers: UP/DOWN, no details"),
          Map.entry("/actuator/health/**", "health groups, likewise"),
          Map.entry("/actuator/prometheus", "metrics for scrapers: no secrets (LogSecretsTest)"),
          Map.entry("/v3/api-docs", "the OpenAPI description of this open-source API"),
          Map.entry("/v3/api-docs.yaml", "the OpenAPI description, as YAML"),
          Map.entry("/login", "the sign-in page"));

  @Autowired ApplicationContext context;

  record Route(String method, String pattern, String source) {
    String path() {
      return path("1");
    }

    /** The pattern with {@code filler} for each variable. */
    String path(String filler) {
      String path =
          pattern
              .replaceAll("\\{\\*[^}]+}", "x")
              .replaceAll("\\{[^}]+}", filler)
              .replace("**", "x")
              .replace("*", "x");
      return path.isEmpty() ? "/" : path;
    }
  }

  @Test
  void everyRouteNeedsTheApiKeyUnlessItIsListedPublicWithItsOwnCredential() {
    List<Route> routes = routes();
    assertThat(routes)
        .as("the walk found the controllers")
        .extracting(Route::pattern)
        .contains(
            "/api/incidents",
            "/api/incidents/{id}/acknowledge",
            "/api/people/{id}",
            "/actuator/health",
            "/api/schedules/{id}/gaps",
            "/api/coverage/gaps");
    Set<String> publicSeen = new TreeSet<>();
    List<String> failures = new ArrayList<>();
    for (Route route : routes) {
      if (PUBLIC.containsKey(route.pattern())) {
        publicSeen.add(route.pattern());
        checkPublic(route, failures);
        continue;
      }
      byte[] body = hasBody(route.method()) ? "{}".getBytes(StandardCharsets.UTF_8) : null;
      String json = body == null ? "" : "Content-Type: application/json\r\n";
      Answer anonymous = RawHttp.send(port, route.method(), route.path(), json, body);
      Answer wrongKey = RawHttp.send(port, route.method(), route.path(), json + WRONG_KEY, body);
      if (isConsole(route)) {
        // a page: without a session it sends you to sign in; a wrong key is still a 401
        if (anonymous.status() != 302
            || !anonymous.head().contains("/login")
            || wrongKey.status() != 401) {
          failures.add(
              route
                  + ": without a session "
                  + anonymous.status()
                  + ", with a wrong key "
                  + wrongKey.status()
                  + " (expected 302 to /login and 401)");
        }
      } else if (anonymous.status() != 401 || wrongKey.status() != 401) {
        failures.add(
            route
                + ": without a key "
                + anonymous.status()
                + ", with a wrong key "
                + wrongKey.status()
                + " (expected 401)");
      }
    }
    assertThat(failures).as("routes open without the API key").isEmpty();
    assertThat(publicSeen)
        .as("every listed public route exists")
        .isEqualTo(
            PUBLIC.keySet().stream()
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));

    // the same routes do answer with the key: the 401s above come from the key check
    String key = "Authorization: Bearer " + FirelineApp.API_KEY + "\r\n";
    assertThat(RawHttp.get(port, "/api/incidents", key).status()).isEqualTo(200);
    assertThat(RawHttp.get(port, "/api/people", key).status()).isEqualTo(200);
  }

  /**
   * Request targets that a prefix check on the raw URI gets wrong but Spring MVC (or Tomcat) routes
   * to a protected controller. None may get past the key check.
   */
  @Test
  void pathTricksDoNotGetPastTheKeyCheck() {
    List<String> tricks =
        List.of(
            "//api/incidents",
            "/api//incidents",
            "/./api/incidents",
            "/api/status/../incidents",
            "/api/status/%2e%2e/incidents",
            "/api/status/..;/incidents",
            "/api/status;/../incidents",
            "/links/x/../../api/incidents",
            "/status/../api/incidents",
            "/api;x=1/incidents",
            "/api/incidents;x=1",
            "/api;/incidents",
            "/api/%69ncidents",
            "/%61pi/incidents",
            "/API/incidents",
            "/api/INCIDENTS",
            "/api/incidents/",
            "/api%2Fincidents",
            "/api/status%2F..%2Fincidents",
            "/api/incidents%00",
            "/api/incidents%20",
            "/api/twilio/sms/../../incidents",
            "/api/alerts/../incidents",
            "/api/alerts;/../incidents",
            "/actuator/health/../../api/incidents",
            "/actuator/health/..;/..;/api/incidents",
            "/api/calendars/people/x.ics/../../../incidents",
            "/v3/api-docs/../../api/incidents",
            "/api/heartbeats/x/../../incidents",
            "/actuator/health;/../../api/incidents",
            "/api/status/%252e%252e/incidents",
            "/api\\incidents",
            "/api/status/..%5cincidents");
    List<String> failures = new ArrayList<>();
    for (String trick : tricks) {
      Answer anonymousAnswer = RawHttp.get(port, trick, "");
      int anonymous = anonymousAnswer.status();
      int wrongKey = RawHttp.get(port, trick, WRONG_KEY).status();
      // 401: our check; 400: Tomcat refuses the target before any filter; 302 to the sign-in
      // page: not an API path as Spring MVC routes (e.g. /API/...), so treated as a console page
      boolean toSignIn = anonymous == 302 && anonymousAnswer.head().contains("/login");
      if (!(anonymous == 401 || anonymous == 400 || toSignIn)
          || !(wrongKey == 401 || wrongKey == 400)) {
        failures.add(trick + ": " + anonymous + " / " + wrongKey);
      }
    }
    assertThat(failures).as("path tricks that were not refused").isEmpty();

    // these really do reach the incidents controller when the key is there; a ;parameter
    // Spring Security's firewall refuses for everyone (400)
    String key = "Authorization: Bearer " + FirelineApp.API_KEY + "\r\n";
    assertThat(RawHttp.get(port, "/api;x=1/incidents", key).status()).isEqualTo(400);
    assertThat(RawHttp.get(port, "/api/%69ncidents", key).status()).isEqualTo(200);
  }

  // ---- the public routes' own credentials

  private void checkPublic(Route route, List<String> failures) {
    String path = route.path();
    switch (route.pattern()) {
      case "/status",
          "/api/status",
          "/actuator/health",
          "/actuator/prometheus",
          "/v3/api-docs",
          "/v3/api-docs.yaml" ->
          expect(failures, route, "public", 200, get(path, ""));
      case "/login" -> expect(failures, route, "the sign-in page", 200, get(path, ""));
      case "/actuator/health/**" ->
          expect(failures, route, "public, no such group", 404, get(path, ""));
      case "/links/{token}" -> {
        expect(
            failures,
            route,
            "a made-up token",
            403,
            send(
                route.method(),
                "/links/x.y",
                "Content-Type: application/x-www-form-urlencoded\r\n",
                ""));
      }
      case "/api/alerts", "/api/alerts/alertmanager" -> {
        String json = "Content-Type: application/json\r\n";
        expect(failures, route, "no integration key", 401, send("POST", path, json, "{}"));
        expect(
            failures, route, "wrong Bearer key", 401, send("POST", path, json + WRONG_KEY, "{}"));
        expect(
            failures,
            route,
            "wrong X-Fireline-Key",
            401,
            send("POST", path, json + "X-Fireline-Key: wrong-key\r\n", "{}"));
        expect(failures, route, "wrong ?key=", 401, send("POST", path + "?key=wrong", json, "{}"));
      }
      case "/api/alerts/events/v2" ->
          expect(
              failures,
              route,
              "wrong routing_key",
              401,
              send(
                  "POST",
                  path,
                  "Content-Type: application/json\r\n",
                  "{\"routing_key\":\"wrong\","
                      + "\"event_action\":\"trigger\",\"payload\":{\"summary\":\"s\",\"source\":\"x\","
                      + "\"severity\":\"error\"}}"));
      case "/api/heartbeats/{key}" ->
          expect(
              failures,
              route,
              "wrong ping key",
              404,
              send("POST", "/api/heartbeats/hb_not-a-key", "", ""));
      case "/api/twilio/sms", "/api/twilio/voice/gather", "/api/twilio/status" -> {
        String form = "Content-Type: application/x-www-form-urlencoded\r\n";
        expect(
            failures, route, "unsigned", 403, send("POST", path, form, "From=%2B15550001&Body=4"));
        expect(
            failures,
            route,
            "wrong signature",
            403,
            send(
                "POST",
                path,
                form + "X-Twilio-Signature: 0/KCTR6DLpKmkAf8muzZqo1nDgQ=\r\n",
                "From=%2B15550001&Body=4"));
      }
      case "/api/slack/commands", "/api/slack/interactions", "/api/slack/events" -> {
        String form = "Content-Type: application/x-www-form-urlencoded\r\n";
        String body = "command=%2Fincident&text=ack&user_id=U0ROUTEWALK&channel_id=C0ROUTEWALK";
        String now = String.valueOf(java.time.Instant.now().getEpochSecond());
        expect(failures, route, "unsigned", 401, send("POST", path, form, body));
        expect(
            failures,
            route,
            "wrong signature",
            401,
            send(
                "POST",
                path,
                form
                    + "X-Slack-Request-Timestamp: "
                    + now
                    + "\r\nX-Slack-Signature: v0="
                    + "a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503\r\n",
                body));
      }
      case "/api/calendars/schedules/{id}.ics", "/api/calendars/people/{id}.ics" -> {
        String feed =
            route.pattern().contains("schedules")
                ? "/api/calendars/schedules/storefront-oncall.ics"
                : "/api/calendars/people/alice.ics";
        expect(failures, route, "no key", 401, get(feed, ""));
        expect(failures, route, "wrong ?key=", 401, get(feed + "?key=wrong", ""));
        expect(failures, route, "wrong Bearer key", 401, get(feed, WRONG_KEY));
        expect(
            failures, route, "the right ?key=", 200, get(feed + "?key=" + FirelineApp.API_KEY, ""));
      }
      default -> failures.add(route + ": public, but this test has no check for it");
    }
  }

  private static boolean isConsole(Route route) {
    return !route.pattern().startsWith("/api/")
        && !route.pattern().startsWith("/actuator")
        && !route.pattern().startsWith("/v3/");
  }

  // ---- roles: every API route with a viewer's, a responder's and an admin's key

  /** The least role each API route needs, written out here apart from the security rules. */
  private static String needed(Route route) {
    String p = route.pattern();
    boolean read = route.method().equals("GET") || route.method().equals("HEAD");
    if (p.equals("/api/me") || p.startsWith("/api/me/") || p.startsWith("/api/tokens")) {
      return "any";
    }
    if (p.startsWith("/api/keys")
        || p.startsWith("/api/audit")
        || p.equals("/api/directory/export")
        || p.equals("/api/people/{id}/account")
        || p.startsWith("/actuator")) {
      return "admin";
    }
    if (read) {
      return "viewer";
    }
    if (p.equals("/api/people/{id}") && route.method().equals("PUT")
        || p.equals("/api/people/{id}/test-page")) {
      return "self";
    }
    if (p.matches("/api/schedules/\\{id}/(overrides|swaps).*")) {
      return "own"; // a responder's own shifts: the controller decides by the body
    }
    if (p.startsWith("/api/incidents")
        || p.startsWith("/api/action-items")
        || p.startsWith("/api/maintenance-windows")
        || p.startsWith("/api/silences")) {
      return "responder";
    }
    // trying the routing rules on a payload changes nothing: a responder debugging routing at 3
    // a.m.
    if (p.equals("/api/routing/dry-run")) {
      return "responder";
    }
    return "admin";
  }

  @Test
  void everyApiRouteRefusesARoleBelowTheOneItNeeds() {
    String admin = "Authorization: Bearer " + FirelineApp.API_KEY + "\r\n";
    Map<String, String> keys = new java.util.LinkedHashMap<>();
    for (String role : List.of("viewer", "responder", "admin")) {
      Answer made =
          RawHttp.send(
              port,
              "POST",
              "/api/keys",
              "Content-Type: application/json\r\n" + admin,
              ("{\"name\":\"route-walk-"
                      + role
                      + "-"
                      + System.nanoTime()
                      + "\",\"role\":\""
                      + role
                      + "\",\"expiresInDays\":1}")
                  .getBytes(StandardCharsets.UTF_8));
      assertThat(made.status()).as("%s", made.body()).isEqualTo(201);
      String secret = made.body().replaceAll("(?s).*\"secret\":\"([^\"]+)\".*", "$1");
      keys.put(role, "Authorization: Bearer " + secret + "\r\n");
    }
    List<String> order = List.of("viewer", "responder", "admin");
    List<String> failures = new ArrayList<>();
    int walked = 0;
    for (Route route : routes()) {
      if (PUBLIC.containsKey(route.pattern())
          || isConsole(route)
          || route.pattern().startsWith("/api/calendars/")) {
        continue;
      }
      walked++;
      String needed = needed(route);
      byte[] body = hasBody(route.method()) ? "{}".getBytes(StandardCharsets.UTF_8) : null;
      String json = body == null ? "" : "Content-Type: application/json\r\n";
      for (String role : order) {
        // ids nothing has: an admin's DELETE must not revoke a real key or remove a real silence
        int status =
            RawHttp.send(port, route.method(), route.path("987654321"), json + keys.get(role), body)
                .status();
        if (needed.equals("own") && role.equals("responder")) {
          if (status == 401) {
            failures.add(route.method() + " " + route.pattern() + " with a responder key: 401");
          }
          continue;
        }
        boolean allowed =
            switch (needed) {
              case "any" -> true;
              case "own" -> role.equals("admin");
              // a service key is nobody's self: only an admin gets through
              case "self" -> role.equals("admin");
              default -> order.indexOf(role) >= order.indexOf(needed);
            };
        if (status == 401 || allowed != (status != 403) && !needed.equals("any")) {
          failures.add(
              route.method()
                  + " "
                  + route.pattern()
                  + " with a "
                  + role
                  + " key: "
                  + status
                  + " (needs "
                  + needed
                  + ")");
        }
      }
    }
    assertThat(walked).as("API routes walked").isGreaterThan(60);
    assertThat(failures).as("routes whose role check is not what the table says").isEmpty();
  }

  private int get(String path, String headers) {
    return RawHttp.get(port, path, headers).status();
  }

  private int send(String method, String path, String headers, String body) {
    return RawHttp.send(port, method, path, headers, body.getBytes(StandardCharsets.UTF_8))
        .status();
  }

  private static void expect(
      List<String> failures, Route route, String what, int expected, int actual) {
    if (actual != expected) {
      failures.add(route + " (" + what + "): " + actual + ", expected " + expected);
    }
  }

  private static boolean hasBody(String method) {
    return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
  }

  // ---- the live route table

  private List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    Map<String, HandlerMapping> mappings =
        BeanFactoryUtils.beansOfTypeIncludingAncestors(context, HandlerMapping.class, true, false);
    mappings.forEach(
        (name, mapping) -> {
          if (mapping instanceof AbstractHandlerMethodMapping<?> methods) {
            for (Object info : methods.getHandlerMethods().keySet()) {
              if (!(info instanceof RequestMappingInfo requestMapping)) {
                fail(name + " maps " + info.getClass() + ": teach this test to read it");
                return;
              }
              Set<RequestMethod> verbs = requestMapping.getMethodsCondition().getMethods();
              for (String pattern : requestMapping.getPatternValues()) {
                if (verbs.isEmpty()) {
                  routes.add(new Route("GET", pattern, name));
                }
                verbs.forEach(verb -> routes.add(new Route(verb.name(), pattern, name)));
              }
            }
          } else if (mapping instanceof AbstractUrlHandlerMapping urls) {
            urls.getHandlerMap()
                .keySet()
                .forEach(pattern -> routes.add(new Route("GET", pattern, name)));
          } else if (mapping instanceof RouterFunctionMapping functions) {
            assertThat(functions.getRouterFunction())
                .as("router functions: teach this test to walk " + "them")
                .isNull();
          } else {
            fail(
                "handler mapping "
                    + name
                    + " ("
                    + mapping.getClass().getName()
                    + "): teach this test to list its routes");
          }
        });
    return routes;
  }
}
