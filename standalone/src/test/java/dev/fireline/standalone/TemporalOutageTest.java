package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.standalone.FirelineApp.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The Temporal service goes away for half a minute (its connections cut, new ones refused) and
 * comes back with its state, as when its host restarts. An incident opened before it is paged when
 * Temporal is back; an alert accepted during it is stored and its incident started then; a resolve
 * accepted during it reaches its incident then; reads answer from the read model; what cannot be
 * done is answered 503 within the request deadline instead of after the SDK's minute of retries.
 */
@SpringBootTest(
    classes = StandaloneApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TemporalOutageTest {
  private static final String KEY = "test-temporal-outage-key";
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static EmbeddedInfrastructure infrastructure;
  private static TcpProxy temporal;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    synchronized (TemporalOutageTest.class) {
      if (infrastructure == null) {
        infrastructure = EmbeddedInfrastructure.start(TestTemporal.newNamespace());
        temporal = new TcpProxy(infrastructure.temporalTarget());
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close));
      }
    }
    FirelineApp.register(registry, infrastructure, "classpath:fireline-temporal-outage.yml");
    registry.add("spring.temporal.connection.target", temporal::target);
  }

  @AfterAll
  static void stop() {
    temporal.close();
  }

  @Test
  void halfAMinuteWithoutTemporalLosesNoAcceptedAlertAndPagesNobodyTwice() {
    FirelineApp app = new FirelineApp(port);
    String run = UUID.randomUUID().toString().substring(0, 8);
    String opened = accepted(app, alert("before-" + run, "trigger"));
    String toResolve = accepted(app, alert("resolved-" + run, "trigger"));
    Awaitility.await("both in the read model")
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> app.get("/api/incidents?service=temporal-outage&limit=50").body().toString(),
            list -> list.contains(opened) && list.contains(toResolve));

    temporal.down();
    Instant down = Instant.now();
    Timed<Response> alert =
        timed(
            () ->
                app.postWithHeader(
                    "/api/alerts", "X-Fireline-Key", KEY, alert("during-" + run, "trigger")));
    Timed<Response> resolve =
        timed(
            () ->
                app.postWithHeader(
                    "/api/alerts", "X-Fireline-Key", KEY, alert("resolved-" + run, "resolve")));
    Timed<Response> read = timed(() -> app.get("/api/incidents/" + opened));
    Timed<Response> declare =
        timed(
            () ->
                app.post(
                    "/api/incidents",
                    "{\"title\":\"Declared by hand\",\"service\":\"temporal-outage\",\"severity\":\"SEV3\"}"));
    Timed<Response> ack = timed(() -> app.post("/api/incidents/" + opened + "/acknowledge", "{}"));
    System.out.printf(
        "temporal-outage: during the outage an alert was answered %d in %d ms, a "
            + "resolving alert %d in %d ms, a read %d in %d ms, a declaration %d in %d ms, an "
            + "acknowledgement %d in %d ms%n",
        alert.value().status(),
        alert.millis(),
        resolve.value().status(),
        resolve.millis(),
        read.value().status(),
        read.millis(),
        declare.value().status(),
        declare.millis(),
        ack.value().status(),
        ack.millis());

    Awaitility.await()
        .pollDelay(OUTAGE.minus(Duration.between(down, Instant.now())))
        .atMost(OUTAGE.plusSeconds(5))
        .until(() -> true);
    temporal.up();
    Instant up = Instant.now();

    String during = alert.value().field("incident");
    List<String> paged = List.of(opened, during);
    List<JsonNode> pages =
        Awaitility.await("the incidents from before and during paged")
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> app.pages(paged), found -> found.size() >= paged.size());
    Instant allPaged = Instant.now();
    String resolvedStage =
        Awaitility.await("the resolve sent during the outage arrived")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> app.get("/api/incidents/" + toResolve).field("stage"),
                stage -> List.of("RESOLVED", "POSTMORTEM", "CLOSED").contains(stage));
    Instant resolvedAt = Instant.now();
    Awaitility.await().pollDelay(Duration.ofSeconds(5)).until(() -> true); // nothing more comes

    System.out.printf(
        "temporal-outage: Temporal away %d s; both incidents paged %d ms after it "
            + "was back, the resolve from the outage applied %d ms after%n",
        Duration.between(down, up).toSeconds(),
        Duration.between(up, allPaged).toMillis(),
        Duration.between(up, resolvedAt).toMillis());
    assertThat(alert.value().status()).as("stored, started later").isEqualTo(202);
    assertThat(alert.millis()).isLessThan(5_000);
    assertThat(resolve.value().status()).isEqualTo(202);
    assertThat(resolve.millis()).isLessThan(5_000);
    assertThat(read.value().status()).as("from the read model").isEqualTo(200);
    assertThat(read.value().field("key")).isEqualTo(opened);
    assertThat(read.millis()).isLessThan(6_000);
    assertThat(declare.value().status()).isEqualTo(503);
    assertThat(declare.millis()).isLessThan(12_000);
    assertThat(ack.value().status()).isEqualTo(503);
    assertThat(ack.millis()).isLessThan(12_000);
    assertThat(app.pages(paged))
        .as("one page per incident")
        .extracting(p -> "INC-" + p.path("incidentNumber").asLong())
        .containsExactlyInAnyOrderElementsOf(paged);
    assertThat(app.pages(List.of(toResolve))).hasSizeLessThanOrEqualTo(1);
    assertThat(resolvedStage).isIn("RESOLVED", "POSTMORTEM", "CLOSED");
    assertThat(app.get("/api/incidents?service=temporal-outage&limit=50").body())
        .as("the declaration refused during the outage left no incident behind")
        .noneMatch(row -> row.path("title").asString().equals("Declared by hand"));
  }

  private static String accepted(FirelineApp app, String alert) {
    Response answer = app.postWithHeader("/api/alerts", "X-Fireline-Key", KEY, alert);
    assertThat(answer.status()).as("%s", answer.body()).isEqualTo(202);
    return answer.field("incident");
  }

  private record Timed<T>(T value, long millis) {}

  private static <T> Timed<T> timed(Supplier<T> call) {
    Instant start = Instant.now();
    T value = call.get();
    return new Timed<>(value, Duration.between(start, Instant.now()).toMillis());
  }

  private static String alert(String dedupKey, String action) {
    return "{\"action\":\""
        + action
        + "\",\"summary\":\"Queue depth over 10k ("
        + dedupKey
        + ")\",\"dedup_key\":\""
        + dedupKey
        + "\",\"severity\":\"SEV2\"}";
  }
}
