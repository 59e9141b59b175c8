package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.standalone.FirelineApp.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Alert ingestion against the real app: dedup, auto-resolve, storms of identical triggers, and bad
 * input that stores nothing. Service checkout (key test-checkout-key) auto-resolves; search
 * (test-search-key) does not. Level 1 of their policy pages alice by e-mail.
 */
class AlertIngestionTest extends SharedApp {
  static final String CHECKOUT = "test-checkout-key";
  static final String SEARCH = "test-search-key";

  @Test
  void aPagerDutyTriggerOpensAnIncidentRepeatsAreCountedAndResolveClosesIt() {
    String dedup = "disk-full-" + UUID.randomUUID();
    Response first =
        app.postUnauthenticated("/api/alerts/events/v2", trigger(CHECKOUT, dedup, "warning"));
    assertThat(first.status()).isEqualTo(202);
    assertThat(first.field("status")).isEqualTo("success");
    assertThat(first.field("dedup_key")).isEqualTo(dedup);
    String incident = awaitEvent(dedup, "opened").path("incidentNumber").asString();
    String key = "INC-" + incident;
    assertThat(app.get("/api/incidents/" + key).field("severity")).isEqualTo("SEV3");

    for (int i = 0; i < 5; i++) {
      assertThat(
              app.postUnauthenticated("/api/alerts/events/v2", trigger(CHECKOUT, dedup, "warning"))
                  .status())
          .isEqualTo(202);
    }
    assertThat(events(dedup))
        .extracting(e -> e.path("outcome").asString())
        .containsOnly("opened", "repeated")
        .hasSize(6);
    awaitPages(key, 1);

    Response resolve =
        app.postUnauthenticated(
            "/api/alerts/events/v2",
            "{\"routing_key\":\""
                + CHECKOUT
                + "\",\"event_action\":\"resolve\",\"dedup_key\":\""
                + dedup
                + "\"}");
    assertThat(resolve.status()).isEqualTo(202);
    // checkout lets the source resolve: SEV3 needs no postmortem, so the incident closes
    await(() -> "CLOSED".equals(app.get("/api/incidents/" + key).field("stage")) ? "" : null);
    assertThat(app.get("/api/incidents/" + key).field("resolvedBy")).isNotBlank();

    // after resolution, the same dedup key opens a new incident
    app.postUnauthenticated("/api/alerts/events/v2", trigger(CHECKOUT, dedup, "warning"));
    JsonNode reopened = awaitEvent(dedup, "opened");
    assertThat(reopened.path("incidentNumber").asString()).isNotEqualTo(incident);
  }

  @Test
  void withoutAutoResolveTheIncidentIsOnlyMarkedResolvedAtSource() {
    String dedup = "latency-" + UUID.randomUUID();
    app.postUnauthenticated("/api/alerts/events/v2", trigger(SEARCH, dedup, "error"));
    String key = "INC-" + awaitEvent(dedup, "opened").path("incidentNumber").asString();
    app.postUnauthenticated(
        "/api/alerts/events/v2",
        "{\"routing_key\":\""
            + SEARCH
            + "\",\"event_action\":\"resolve\",\"dedup_key\":\""
            + dedup
            + "\"}");
    JsonNode incident =
        await(
            () -> {
              JsonNode body = app.get("/api/incidents/" + key).body();
              return body.path("alerts").path("resolvedAtSource").asBoolean() ? body : null;
            });
    assertThat(incident.path("stage").asString()).isEqualTo("TRIGGERED");
    assertThat(incident.path("severity").asString()).isEqualTo("SEV2");
  }

  @Test
  void twoHundredConcurrentIdenticalTriggersOpenOneIncidentAndPageOnce() throws Exception {
    String dedup = "storm-" + UUID.randomUUID();
    ExecutorService pool = Executors.newFixedThreadPool(32);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      answers.add(
          pool.submit(
              () ->
                  app.postUnauthenticated(
                          "/api/alerts/events/v2", trigger(CHECKOUT, dedup, "critical"))
                      .status()));
    }
    for (Future<Integer> answer : answers) {
      assertThat(answer.get()).isEqualTo(202);
    }
    pool.shutdown();

    List<JsonNode> stored = events(dedup);
    assertThat(stored).hasSize(200);
    assertThat(stored).filteredOn(e -> e.path("outcome").asString().equals("opened")).hasSize(1);
    assertThat(stored)
        .extracting(e -> e.path("incidentNumber").asString())
        .containsOnly(stored.get(0).path("incidentNumber").asString());
    String key = "INC-" + stored.get(0).path("incidentNumber").asString();
    awaitPages(key, 1);
    Awaitility.await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> pages(key) == 1);
  }

  @Test
  void anAlertmanagerGroupOpensOneIncidentAndResolvesWhenAllItsAlertsDo() {
    String group = "{}:{alertname=\"HighErrorRate\", job=\"api-" + UUID.randomUUID() + "\"}";
    Response firing =
        app.postUnauthenticated(
            "/api/alerts/alertmanager?key=" + CHECKOUT,
            alertmanager(group, "firing", "firing", "firing"));
    assertThat(firing.status()).isEqualTo(202);
    assertThat(firing.field("outcome")).isEqualTo("opened");
    String key = firing.field("incident");
    assertThat(app.get("/api/incidents/" + key).field("severity")).isEqualTo("SEV1");

    Response oneResolved =
        app.postUnauthenticated(
            "/api/alerts/alertmanager?key=" + CHECKOUT,
            alertmanager(group, "firing", "resolved", "firing"));
    assertThat(oneResolved.field("incident")).isEqualTo(key);
    Response allResolved =
        app.postUnauthenticated(
            "/api/alerts/alertmanager?key=" + CHECKOUT,
            alertmanager(group, "resolved", "resolved", "resolved"));
    assertThat(allResolved.field("outcome")).isEqualTo("resolved");
    // SEV1 requires a postmortem: auto-resolved, it waits for it
    await(() -> "POSTMORTEM".equals(app.get("/api/incidents/" + key).field("stage")) ? "" : null);
  }

  @Test
  void badInputIsRefusedNamingTheProblemAndStoresNothing() {
    int before = app.get("/api/alert-events?limit=1000").body().size();

    Response malformed = app.postUnauthenticated("/api/alerts/events/v2", "{\"routing_key\": ");
    assertThat(malformed.status()).isEqualTo(400);
    Response wrongType =
        app.postUnauthenticated(
            "/api/alerts/events/v2",
            "{\"routing_key\":\""
                + CHECKOUT
                + "\",\"event_action\":\"trigger\",\"payload\":{\"summary\":42,"
                + "\"source\":\"x\",\"severity\":\"info\"}}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.body().path("errors").toString()).contains("payload.summary");
    Response missing =
        app.postUnauthenticated(
            "/api/alerts/events/v2",
            "{\"routing_key\":\""
                + CHECKOUT
                + "\",\"event_action\":\"trigger\",\"payload\":{\"source\":\"x\","
                + "\"severity\":\"info\"}}");
    assertThat(missing.status()).isEqualTo(400);
    Response unknownKey =
        app.postUnauthenticated(
            "/api/alerts/events/v2",
            "{\"routing_key\":\""
                + CHECKOUT
                + "\",\"event_action\":\"trigger\",\"colour\":\"red\",\"payload\":"
                + "{\"summary\":\"s\",\"source\":\"x\",\"severity\":\"info\"}}");
    assertThat(unknownKey.status()).isEqualTo(400);
    assertThat(unknownKey.body().path("errors").toString()).contains("colour");
    Response unknownIntegration =
        app.postUnauthenticated("/api/alerts/events/v2", trigger("not-a-key", "x", "info"));
    assertThat(unknownIntegration.status()).isEqualTo(401);
    Response noKey = app.postUnauthenticated("/api/alerts", "{\"summary\":\"x\"}");
    assertThat(noKey.status()).isEqualTo(401);
    Response huge =
        app.postUnauthenticated(
            "/api/alerts?key=" + CHECKOUT, "{\"summary\":\"" + "x".repeat(600 * 1024) + "\"}");
    assertThat(huge.status()).isEqualTo(413);

    assertThat(app.get("/api/alert-events?limit=1000").body().size()).isEqualTo(before);
  }

  @Test
  void theGenericShapeTakesTheKeyInAHeader() {
    String dedup = "generic-" + UUID.randomUUID();
    Response accepted =
        app.postWithHeader(
            "/api/alerts",
            "X-Fireline-Key",
            SEARCH,
            "{\"summary\":\"Queue backlog over 10k\",\"dedup_key\":\""
                + dedup
                + "\",\"severity\":\"SEV4\",\"labels\":{\"queue\":\"orders\"}}");
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(app.get("/api/incidents/" + accepted.field("incident")).field("severity"))
        .isEqualTo("SEV4");
  }

  @Test
  void duringMaintenanceOrUnderASilenceAlertsAreRecordedAndNobodyIsPaged() {
    Response window =
        app.post(
            "/api/maintenance-windows",
            "{\"service\":\"search\","
                + "\"end\":\""
                + java.time.Instant.now().plusSeconds(600)
                + "\",\"reason\":\"db upgrade\"}");
    assertThat(window.status()).isEqualTo(201);
    String dedup = "maint-" + UUID.randomUUID();
    Response during =
        app.postUnauthenticated("/api/alerts/events/v2", trigger(SEARCH, dedup, "critical"));
    assertThat(during.status()).isEqualTo(202);
    assertThat(events(dedup))
        .singleElement()
        .satisfies(e -> assertThat(e.path("outcome").asString()).isEqualTo("suppressed"));
    assertThat(app.delete("/api/maintenance-windows/" + window.field("id")).status())
        .isEqualTo(204);

    Response silence =
        app.post(
            "/api/silences",
            "{\"matchers\":[{\"label\":\"alertname\","
                + "\"op\":\"=~\",\"value\":\"Noisy.*\"}],\"end\":\""
                + java.time.Instant.now().plusSeconds(600)
                + "\"}");
    assertThat(silence.status()).isEqualTo(201);
    Response silenced =
        app.postUnauthenticated(
            "/api/alerts?key=" + CHECKOUT,
            "{\"summary\":\"noisy\",\"dedup_key\":\""
                + dedup
                + "-s\",\"labels\":{\"alertname\":\"NoisyDisk\"}}");
    assertThat(silenced.field("outcome")).isEqualTo("suppressed");
    Response other =
        app.postUnauthenticated(
            "/api/alerts?key=" + CHECKOUT,
            "{\"summary\":\"real\",\"dedup_key\":\""
                + dedup
                + "-r\",\"labels\":{\"alertname\":\"DiskFull\"}}");
    assertThat(other.field("outcome")).isEqualTo("opened");

    Response badSilence =
        app.post(
            "/api/silences",
            "{\"matchers\":[{\"label\":\"a\","
                + "\"op\":\"=~\",\"value\":\"(\"}],\"end\":\""
                + java.time.Instant.now().plusSeconds(60)
                + "\"}");
    assertThat(badSilence.status()).isEqualTo(400);
    assertThat(badSilence.field("detail")).startsWith("matchers[0].value");
  }

  @Test
  void maintenanceWindowsAndSilencesOfTheConfigFileSuppressAlerts() {
    // fireline-test.yml: service maintained is in maintenance until 2036, and a silence of every
    // service matches alertname=FileSilenced
    String dedup = "file-" + UUID.randomUUID();
    Response maintained =
        app.postUnauthenticated(
            "/api/alerts/events/v2", trigger("test-maintained-key", dedup + "-m", "critical"));
    assertThat(maintained.status()).isEqualTo(202);
    assertThat(events(dedup + "-m"))
        .singleElement()
        .satisfies(e -> assertThat(e.path("outcome").asString()).isEqualTo("suppressed"));

    Response silenced =
        app.postUnauthenticated(
            "/api/alerts?key=" + SEARCH,
            "{\"summary\":\"silenced\",\"dedup_key\":\""
                + dedup
                + "-s\",\"labels\":{\"alertname\":\"FileSilenced\"}}");
    assertThat(silenced.field("outcome")).isEqualTo("suppressed");
    Response other =
        app.postUnauthenticated(
            "/api/alerts?key=" + SEARCH,
            "{\"summary\":\"not silenced\",\"dedup_key\":\""
                + dedup
                + "-o\",\"labels\":{\"alertname\":\"FileSilencedNot\"}}");
    assertThat(other.field("outcome")).isEqualTo("opened");

    assertThat(app.get("/api/maintenance-windows").body().toString()).contains("maintained-window");
    assertThat(app.get("/api/silences").body().toString()).contains("file-silenced");
    // the file manages them: the API does not delete them
    Response endWindow = app.delete("/api/maintenance-windows/maintained-window");
    assertThat(endWindow.status()).isEqualTo(409);
    assertThat(endWindow.field("detail")).contains("config file");
    assertThat(app.delete("/api/silences/file-silenced").status()).isEqualTo(409);
  }

  @Test
  void aHeartbeatIsCreatedWithAPingKeyAndPingedWithoutAnApiKey() {
    String id = "backup-" + UUID.randomUUID().toString().substring(0, 8);
    Response created =
        app.post(
            "/api/heartbeat-monitors",
            "{\"id\":\""
                + id
                + "\",\"service\":\"checkout\",\"interval\":\"5m\",\"grace\":\"1m\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.field("ping_url")).endsWith("/api/heartbeats/" + created.field("key"));

    assertThat(app.postUnauthenticated("/api/heartbeats/" + created.field("key"), "").status())
        .isEqualTo(202);
    assertThat(app.postUnauthenticated("/api/heartbeats/not-a-key", "").status()).isEqualTo(404);
    JsonNode listed =
        await(
            () -> {
              for (JsonNode h : app.get("/api/heartbeat-monitors").body()) {
                if (id.equals(h.path("id").asString()) && !h.path("lastPingAt").isNull()) {
                  return h;
                }
              }
              return null;
            });
    assertThat(listed.path("intervalSeconds").asLong()).isEqualTo(300);
    assertThat(
            app.post(
                    "/api/heartbeat-monitors",
                    "{\"id\":\"x\",\"service\":\"checkout\"," + "\"interval\":\"5 minutes\"}")
                .field("detail"))
        .startsWith("interval:");
  }

  @Test
  void aHeartbeatGetsANewKeyAndTheOldOneStopsWorking() {
    String id = "rotated-" + UUID.randomUUID().toString().substring(0, 8);
    Response created =
        app.post(
            "/api/heartbeat-monitors",
            "{\"id\":\"" + id + "\",\"service\":\"search\",\"interval\":\"1h\"}");
    assertThat(created.status()).isEqualTo(201);

    Response rotated = app.post("/api/heartbeat-monitors/" + id + "/key", "");
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(rotated.field("ping_url")).endsWith("/api/heartbeats/" + rotated.field("key"));
    assertThat(app.postUnauthenticated("/api/heartbeats/" + created.field("key"), "").status())
        .isEqualTo(404);
    assertThat(app.postUnauthenticated("/api/heartbeats/" + rotated.field("key"), "").status())
        .isEqualTo(202);
    assertThat(app.post("/api/heartbeat-monitors/no-such-heartbeat/key", "").status())
        .isEqualTo(404);
    assertThat(app.delete("/api/heartbeat-monitors/" + id).status()).isEqualTo(204);
  }

  static String trigger(String routingKey, String dedup, String severity) {
    return "{\"routing_key\":\""
        + routingKey
        + "\",\"event_action\":\"trigger\",\"dedup_key\":\""
        + dedup
        + "\",\"payload\":{\"summary\":\"Disk full on db-1\",\"source\":\"db-1\","
        + "\"severity\":\""
        + severity
        + "\"}}";
  }

  static String alertmanager(String groupKey, String status, String first, String second) {
    return """
        {"version":"4","groupKey":%s,"truncatedAlerts":0,"status":"%s","receiver":"fireline",
         "groupLabels":{"alertname":"HighErrorRate"},
         "commonLabels":{"alertname":"HighErrorRate","severity":"critical"},
         "commonAnnotations":{"summary":"API error rate above 5%%"},
         "externalURL":"http://alertmanager:9093",
         "alerts":[
          {"status":"%s","labels":{"alertname":"HighErrorRate","instance":"a"},"annotations":{},
           "startsAt":"2026-11-22T10:00:00Z","endsAt":"0001-01-01T00:00:00Z",
           "generatorURL":"http://prometheus:9090/graph","fingerprint":"aaa111"},
          {"status":"%s","labels":{"alertname":"HighErrorRate","instance":"b"},"annotations":{},
           "startsAt":"2026-11-22T10:00:00Z","endsAt":"0001-01-01T00:00:00Z",
           "generatorURL":"http://prometheus:9090/graph","fingerprint":"bbb222"}]}
        """
        .formatted(quote(groupKey), status, first, second);
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private List<JsonNode> events(String dedup) {
    List<JsonNode> found = new ArrayList<>();
    app.get("/api/alert-events?limit=1000")
        .body()
        .forEach(
            e -> {
              if (dedup.equals(e.path("dedupKey").asString())) {
                found.add(e);
              }
            });
    return found;
  }

  private JsonNode awaitEvent(String dedup, String outcome) {
    return await(
        () ->
            events(dedup).stream()
                .filter(e -> outcome.equals(e.path("outcome").asString()))
                .findFirst()
                .orElse(null));
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
