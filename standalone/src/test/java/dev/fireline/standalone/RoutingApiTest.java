package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.standalone.FirelineApp.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Routing rules against the real app: one routing key on the three alert endpoints, label routing
 * to two services, suppression, correlation (a second service's alert attached to the first's
 * incident, paged once), the dry-run for the three payload kinds, and the 400s that change nothing.
 * The rules are set over the API before each test (the test directory has no routing section).
 */
class RoutingApiTest extends SharedApp {
  static final String ROUTING_KEY = "test-routing-key-0123456789";

  static final String RULES =
      """
      {"keys": ["%s"],
       "rules": [
         {"name": "watchdog", "when": [{"field": "labels.alertname", "equals": "Watchdog"}],
          "suppress": true},
         {"name": "search", "when": [{"field": "labels.team", "equals": "search"}],
          "service": "search", "urgency": "low",
          "dedup-key": "{{labels.alertname}}/{{labels.cluster}}",
          "correlate": {"by": ["cluster", "region"], "window": "10m"}},
         {"name": "checkout", "when": [{"field": "labels.team", "equals": "checkout"}],
          "service": "checkout", "severity": "SEV3",
          "dedup-key": "{{labels.alertname}}/{{labels.cluster}}",
          "correlate": {"by": ["cluster", "region"], "window": "10m"}},
         {"name": "index", "when": [{"field": "component", "matches": "search-.*"}],
          "service": "search"}],
       "fallback": "checkout"}
      """
          .formatted(ROUTING_KEY);

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void rules() {
    Response put = app.put("/api/routing", RULES);
    assertThat(put.status()).as("%s", put.body()).isEqualTo(200);
  }

  @Test
  void theRulesAreShownWithTheKeyOnlyAsItsHash() {
    Response shown = app.get("/api/routing");
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.body().toString()).doesNotContain(ROUTING_KEY);
    assertThat(shown.body().path("keys").get(0).asString()).startsWith("sha256:");
    assertThat(shown.field("managed-by")).isEqualTo("api");
    assertThat(shown.field("fallback")).isEqualTo("checkout");
    assertThat(shown.body().path("rules").get(1).path("dedup-key").asString())
        .isEqualTo("{{labels.alertname}}/{{labels.cluster}}");
    // what GET answers, PUT takes back unchanged (the hashed key included)
    assertThat(app.put("/api/routing", shown.body().toString()).body()).isEqualTo(shown.body());
    assertThat(
            app.postUnauthenticated(
                    "/api/alerts?key=" + ROUTING_KEY, generic("web", "Probe", "p-" + run, "eu"))
                .status())
        .isEqualTo(202);
  }

  @Test
  void oneRoutingKeyRoutesByLabelToTwoServicesOnAllThreeEndpoints() {
    // Alertmanager: one group, alerts of two teams and a Watchdog
    Response group =
        app.postUnauthenticated(
            "/api/alerts/alertmanager?key=" + ROUTING_KEY,
            """
        {"version":"4","groupKey":"{}:{job=\\"%1$s\\"}","status":"firing","receiver":"fireline",
         "groupLabels":{},"commonLabels":{},"commonAnnotations":{},
         "alerts":[
          {"status":"firing","labels":{"alertname":"Latency","team":"search","cluster":"a-%1$s","region":"eu"},
           "annotations":{"summary":"search p99 over 2s"},"fingerprint":"f1"},
          {"status":"firing","labels":{"alertname":"Errors","team":"checkout","cluster":"b-%1$s","region":"eu"},
           "annotations":{"summary":"checkout 5xx"},"fingerprint":"f2"},
          {"status":"firing","labels":{"alertname":"Watchdog"},"annotations":{},"fingerprint":"f3"}]}
        """
                .formatted(run));
    assertThat(group.status()).as("%s", group.body()).isEqualTo(202);
    JsonNode routed = group.body().path("routed");
    assertThat(routed).hasSize(3);
    assertThat(routed.get(0).path("service").asString()).isEqualTo("search");
    assertThat(routed.get(0).path("rule").asString()).isEqualTo("rules[1] (search)");
    assertThat(routed.get(0).path("dedup_key").asString()).isEqualTo("Latency/a-" + run);
    assertThat(routed.get(0).path("urgency").asString()).isEqualTo("low");
    assertThat(routed.get(0).path("outcome").asString()).isEqualTo("opened");
    assertThat(routed.get(1).path("service").asString()).isEqualTo("checkout");
    assertThat(routed.get(1).path("outcome").asString()).isEqualTo("opened");
    assertThat(routed.get(2).path("outcome").asString()).isEqualTo("suppressed");
    assertThat(routed.get(2).path("incident").isNull()).isTrue();
    String searchIncident = routed.get(0).path("incident").asString();
    assertThat(app.get("/api/incidents/" + searchIncident).field("service")).isEqualTo("search");
    assertThat(
            app.get("/api/incidents/" + routed.get(1).path("incident").asString()).field("service"))
        .isEqualTo("checkout");

    // PagerDuty Events v2: the routing key is the event's routing_key
    String dedup = "pd-" + run;
    Response pd =
        app.postUnauthenticated(
            "/api/alerts/events/v2",
            """
        {"routing_key":"%s","event_action":"trigger","dedup_key":"%s",
         "payload":{"summary":"Index lag","source":"idx-1","severity":"error","component":"search-indexer"}}
        """
                .formatted(ROUTING_KEY, dedup));
    assertThat(pd.status()).as("%s", pd.body()).isEqualTo(202);
    assertThat(pd.field("status")).isEqualTo("success");
    assertThat(pd.field("dedup_key")).isEqualTo(dedup);
    JsonNode pdEvent = await(() -> event(dedup));
    assertThat(pdEvent.path("serviceId").asString()).isEqualTo("search");
    assertThat(pdEvent.path("routingRule").asString()).isEqualTo("rules[3] (index)");
    assertThat(pdEvent.path("severity").asString()).isEqualTo("SEV2");

    // generic, key in a header: nothing matches, so the fallback
    Response generic =
        app.postWithHeader(
            "/api/alerts",
            "X-Fireline-Key",
            ROUTING_KEY,
            generic("web", "Probe", "c-" + run, "eu"));
    assertThat(generic.status()).isEqualTo(202);
    assertThat(generic.field("service")).isEqualTo("checkout");
    assertThat(generic.field("rule")).isEqualTo("fallback");
    assertThat(generic.field("outcome")).isEqualTo("opened");
  }

  @Test
  void aSecondServicesAlertAttachesToTheFirstIncidentWhichIsPagedOnce() {
    String cluster = "k-" + run;
    Response first =
        app.postUnauthenticated(
            "/api/alerts?key=" + ROUTING_KEY, generic("checkout", "Errors", cluster, "eu"));
    assertThat(first.field("outcome")).isEqualTo("opened");
    String incident = first.field("incident");
    awaitPages(incident, 1);

    Response related =
        app.postUnauthenticated(
            "/api/alerts?key=" + ROUTING_KEY, generic("search", "Latency", cluster, "eu"));
    assertThat(related.status()).isEqualTo(202);
    assertThat(related.field("service")).isEqualTo("search");
    assertThat(related.field("outcome")).isEqualTo("attached");
    assertThat(related.field("incident")).isEqualTo(incident);

    JsonNode timeline =
        await(
            () -> {
              JsonNode body = app.get("/api/incidents/" + incident).body();
              return body.path("timeline").toString().contains("Related alert on search")
                  ? body
                  : null;
            });
    assertThat(timeline.path("timeline").toString())
        .contains("Related alert on search: Latency on " + cluster);
    // its repeat goes to the same incident; nobody is paged again
    Response again =
        app.postUnauthenticated(
            "/api/alerts?key=" + ROUTING_KEY, generic("search", "Latency", cluster, "eu"));
    assertThat(again.field("outcome")).isEqualTo("repeated");
    assertThat(again.field("incident")).isEqualTo(incident);
    Awaitility.await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> pages(incident) == 1);
    assertThat(app.get("/api/incidents?service=search").body().toString())
        .doesNotContain("Latency on " + cluster);
  }

  @Test
  void theDryRunAnswersPerAlertForTheThreePayloadKinds() {
    Response am =
        app.post(
            "/api/routing/dry-run",
            """
        {"format":"alertmanager","payload":{"version":"4","groupKey":"g","status":"firing",
         "alerts":[
          {"status":"firing","labels":{"alertname":"Latency","team":"search","cluster":"c1","region":"eu"},
           "annotations":{},"fingerprint":"f1"},
          {"status":"firing","labels":{"alertname":"Watchdog"},"annotations":{},"fingerprint":"f2"}]}}
        """);
    assertThat(am.status()).as("%s", am.body()).isEqualTo(200);
    JsonNode alerts = am.body().path("alerts");
    assertThat(alerts).hasSize(2);
    assertThat(alerts.get(0).path("alert").asString()).isEqualTo("alerts[0]");
    assertThat(alerts.get(0).path("matched").asString()).isEqualTo("rules[1]");
    assertThat(alerts.get(0).path("rule_name").asString()).isEqualTo("search");
    assertThat(alerts.get(0).path("service").asString()).isEqualTo("search");
    assertThat(alerts.get(0).path("urgency").asString()).isEqualTo("low");
    assertThat(alerts.get(0).path("dedup_key").asString()).isEqualTo("Latency/c1");
    assertThat(alerts.get(0).path("correlate").path("on").path("cluster").asString())
        .isEqualTo("c1");
    assertThat(alerts.get(1).path("suppress").asBoolean()).isTrue();
    assertThat(alerts.get(1).path("rule_name").asString()).isEqualTo("watchdog");

    Response pd =
        app.post(
            "/api/routing/dry-run",
            """
        {"format":"events-v2","payload":{"event_action":"trigger","payload":{"summary":"s",
         "source":"x","severity":"critical","component":"search-api"}}}
        """);
    assertThat(pd.status()).as("%s", pd.body()).isEqualTo(200);
    JsonNode pdAlert = pd.body().path("alerts").get(0);
    assertThat(pdAlert.path("matched").asString()).isEqualTo("rules[3]");
    assertThat(pdAlert.path("severity").asString()).isEqualTo("SEV1");
    assertThat(pdAlert.path("dedup_key_from").asString()).isEqualTo("generated at ingestion");

    Response generic =
        app.post(
            "/api/routing/dry-run",
            "{\"format\":\"generic\",\"payload\":{\"summary\":\"x\",\"dedup_key\":\"d\"}}");
    JsonNode fallback = generic.body().path("alerts").get(0);
    assertThat(fallback.path("matched").asString()).isEqualTo("none");
    assertThat(fallback.path("fallback").asBoolean()).isTrue();
    assertThat(fallback.path("service").asString()).isEqualTo("checkout");
    assertThat(fallback.path("dedup_key").asString()).isEqualTo("d");

    Response bad =
        app.post("/api/routing/dry-run", "{\"format\":\"generic\",\"payload\":{\"summary\":42}}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().path("errors").get(0).path("field").asString())
        .isEqualTo("payload.summary");
    assertThat(
            app.post("/api/routing/dry-run", "{\"format\":\"nagios\",\"payload\":{}}")
                .field("detail"))
        .startsWith("format:");
  }

  @Test
  void badRulesAreRefusedNamingTheFieldAndChangeNothing() {
    JsonNode before = app.get("/api/routing").body();
    assertField(
        app.put(
            "/api/routing",
            """
        {"keys":["k-%s"],"rules":[{"when":[{"field":"labels.a","equals":"x"}],"service":"search"},
          {"when":[{"field":"labels.a","matches":"(unclosed"}],"service":"search"}]}
        """
                .formatted(run)),
        "rules[1].when[0].matches",
        "not a valid regular expression");
    assertField(
        app.put(
            "/api/routing",
            """
        {"keys":["k-%s"],"rules":[{"when":[{"field":"labels.a","equals":"x"}],"service":"nowhere"}]}
        """
                .formatted(run)),
        "rules[0].service",
        "unknown service 'nowhere'");
    assertField(
        app.put(
            "/api/routing",
            """
        {"keys":["k-%s"],"rules":[{"when":[{"field":"labels.a","contains":"x"}],"service":"search"}]}
        """
                .formatted(run)),
        "rules[0].when[0].contains",
        "unknown key 'contains'");
    assertField(
        app.put(
            "/api/routing",
            """
        {"keys":["k-%s"],"rules":[{"service":"search","dedup-key":"all-the-same"}]}
        """
                .formatted(run)),
        "rules[0].dedup-key",
        "names no field");
    assertField(
        app.put(
            "/api/routing",
            """
        {"keys":["k-%s"],"rules":[{"when":[{"field":"lables.a","exists":true}],"service":"search"}]}
        """
                .formatted(run)),
        "rules[0].when[0].field",
        "unknown field 'lables.a'");
    assertField(
        app.put(
            "/api/routing",
            """
        {"keys":["%s"],"rules":[],"fallback":"search"}
        """
                .formatted(AlertIngestionTest.CHECKOUT)),
        "keys[0]",
        "already an integration key");
    assertThat(app.get("/api/routing").body()).as("nothing applied").isEqualTo(before);
    // a service the rules route to cannot be deleted from under them
    Response service =
        app.post(
            "/api/services",
            "{\"id\":\"routed-"
                + run
                + "\",\"name\":\"R\","
                + "\"escalation-policy\":\"storefront\"}");
    assertThat(service.status()).isEqualTo(201);
    String rules =
        RULES.replace("\"fallback\": \"checkout\"", "\"fallback\": \"routed-" + run + "\"");
    assertThat(app.put("/api/routing", rules).status()).isEqualTo(200);
    Response delete = app.delete("/api/services/routed-" + run);
    assertThat(delete.status()).isEqualTo(409);
    assertThat(delete.field("detail")).contains("routing (fallback)");
  }

  @Test
  void withoutAFallbackAnUnroutedAlertIs422AndNothingIsStored() {
    String rules = RULES.replaceAll(",\\s*\"fallback\": \"checkout\"", "");
    assertThat(rules).doesNotContain("fallback");
    assertThat(app.put("/api/routing", rules).status()).isEqualTo(200);
    String dedup = "unrouted-" + run;
    Response refused =
        app.postUnauthenticated(
            "/api/alerts?key=" + ROUTING_KEY,
            "{\"summary\":\"x\",\"dedup_key\":\"" + dedup + "\",\"labels\":{\"team\":\"web\"}}");
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.field("detail")).contains("matches none of the routing key's 4 rules");
    Response pd =
        app.postUnauthenticated(
            "/api/alerts/events/v2",
            """
        {"routing_key":"%s","event_action":"trigger","dedup_key":"%s",
         "payload":{"summary":"s","source":"x","severity":"info"}}
        """
                .formatted(ROUTING_KEY, dedup));
    assertThat(pd.status()).isEqualTo(422);
    assertThat(event(dedup)).isNull();
  }

  private static String generic(String team, String alertname, String cluster, String region) {
    return "{\"summary\":\""
        + alertname
        + " on "
        + cluster
        + "\",\"severity\":\"warning\","
        + "\"labels\":{\"team\":\""
        + team
        + "\",\"alertname\":\""
        + alertname
        + "\",\"cluster\":\""
        + cluster
        + "\",\"region\":\""
        + region
        + "\"}}";
  }

  private static void assertField(Response response, String field, String message) {
    assertThat(response.status()).as("%s", response.body()).isEqualTo(400);
    assertThat(response.body().path("errors").toString()).contains("\"field\":\"" + field + "\"");
    assertThat(response.field("detail")).startsWith(field + ":").contains(message);
  }

  private JsonNode event(String dedup) {
    for (JsonNode e : app.get("/api/alert-events?limit=1000").body()) {
      if (dedup.equals(e.path("dedupKey").asString())) {
        return e;
      }
    }
    return null;
  }

  private long pages(String key) {
    List<JsonNode> rows = new ArrayList<>();
    app.get("/api/notifications?incident=" + key).body().forEach(rows::add);
    return rows.stream().filter(n -> "PAGE".equals(n.path("kind").asString())).count();
  }

  private void awaitPages(String key, long count) {
    await(() -> pages(key) >= count ? "" : null);
  }

  private static <T> T await(Callable<T> probe) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .until(probe, Objects::nonNull);
  }
}
