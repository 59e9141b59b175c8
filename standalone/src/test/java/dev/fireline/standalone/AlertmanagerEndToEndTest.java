package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The real Prometheus Alertmanager (Debian's prometheus-alertmanager, which .ci/run installs) with
 * a webhook receiver pointing at a running Fireline: alerts posted to Alertmanager open one
 * incident that pages; resolving them at Alertmanager resolves the incident.
 */
class AlertmanagerEndToEndTest extends SharedApp {
  @TempDir Path dir;
  Process alertmanager;
  String alertmanagerUrl;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void startAlertmanager() throws IOException {
    Optional<Path> binary =
        Stream.of(
                "/usr/bin/prometheus-alertmanager",
                "/usr/bin/alertmanager",
                "/usr/local/bin/alertmanager")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst();
    if (binary.isEmpty() && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("prometheus-alertmanager is not installed; .ci/run installs it");
    }
    Assumptions.assumeTrue(
        binary.isPresent(),
        "prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager)");
    int amPort = FirelineApp.freePort();
    alertmanagerUrl = "http://127.0.0.1:" + amPort;
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(
        config,
        """
        route:
          receiver: fireline
          group_by: [alertname]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: fireline
            webhook_configs:
              - url: http://127.0.0.1:%d/api/alerts/alertmanager
                send_resolved: true
                http_config:
                  authorization:
                    type: Bearer
                    credentials: test-checkout-key
        """
            .formatted(port));
    alertmanager =
        new ProcessBuilder(
                binary.get().toString(),
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + amPort,
                "--cluster.listen-address=")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("alertmanager.log").toFile())
            .start();
    await(() -> get(alertmanagerUrl + "/-/ready") == 200 ? "" : null);
  }

  @AfterEach
  void stopAlertmanager() throws InterruptedException {
    if (alertmanager != null) {
      alertmanager.destroy();
      alertmanager.waitFor();
    }
  }

  @Test
  void alertsAtAlertmanagerOpenOneIncidentThatPagesAndResolvingThemResolvesIt() throws Exception {
    String name = "E2EHighLatency" + Long.toHexString(System.nanoTime());
    Instant start = Instant.now().minusSeconds(30);
    postAlerts(name, start, null);

    JsonNode opened = await(() -> event(name, "opened"));
    String incident = "INC-" + opened.path("incidentNumber").asString();
    JsonNode declared = app.get("/api/incidents/" + incident).body();
    assertThat(declared.path("severity").asString()).isEqualTo("SEV1");
    assertThat(declared.path("title").asString()).isEqualTo("p99 latency above 2s");
    await(() -> app.get("/api/notifications?incident=" + incident).body().size() > 0 ? "" : null);

    postAlerts(name, start, Instant.now().minusSeconds(1)); // resolved at Alertmanager
    // checkout auto-resolves; SEV1 then waits for its postmortem
    await(
        () ->
            "POSTMORTEM".equals(app.get("/api/incidents/" + incident).field("stage")) ? "" : null);
    List<String> outcomes = new java.util.ArrayList<>();
    app.get("/api/alert-events?service=checkout&limit=1000")
        .body()
        .forEach(
            e -> {
              if (e.path("summary").asString().contains("p99 latency")
                  && incident.endsWith("-" + e.path("incidentNumber").asString())) {
                outcomes.add(e.path("outcome").asString());
              }
            });
    assertThat(outcomes).contains("opened", "resolved").doesNotHaveDuplicates();
  }

  private void postAlerts(String name, Instant startsAt, Instant endsAt) throws Exception {
    String ends = endsAt == null ? "" : ",\"endsAt\":\"" + endsAt + "\"";
    String body =
        "[" + alert(name, "a", startsAt, ends) + "," + alert(name, "b", startsAt, ends) + "]";
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(alertmanagerUrl + "/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static String alert(String name, String instance, Instant startsAt, String ends) {
    return "{\"labels\":{\"alertname\":\""
        + name
        + "\",\"severity\":\"critical\",\"instance\":\""
        + instance
        + "\"},\"annotations\":{\"summary\":\"p99 latency above 2s\"},\"startsAt\":\""
        + startsAt
        + "\""
        + ends
        + "}";
  }

  private JsonNode event(String name, String outcome) {
    for (JsonNode e : app.get("/api/alert-events?service=checkout&limit=1000").body()) {
      if (outcome.equals(e.path("outcome").asString())
          && "alertmanager".equals(e.path("format").asString())
          && e.path("dedupKey").asString().contains(name)) {
        return e;
      }
    }
    return null;
  }

  private int get(String url) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).GET().build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static <T> T await(Callable<T> probe) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(probe, Objects::nonNull);
  }
}
