package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.standalone.FirelineApp.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL goes away for half a minute right after ten alerts were accepted, while their
 * incidents are being started and saved, and before their pages (20 s after opening) go out.
 * Nothing accepted may be lost: when the database is back, every incident is in the read model,
 * paged exactly once, and alerts are accepted again (deduplicated against the ones from before the
 * outage). During the outage the API answers 503 with Retry-After, so senders such as Alertmanager
 * retry, instead of 500 or hanging.
 */
@SpringBootTest(
    classes = StandaloneApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseOutageTest {
  private static final String KEY = "test-outage-key";
  private static final int ALERTS = 10;

  /**
   * Half a minute in the suite (the pages fall due 20 s into it); {@code
   * -Dfireline.outageSeconds=300} tries a longer one.
   */
  private static final Duration OUTAGE =
      Duration.ofSeconds(Long.getLong("fireline.outageSeconds", 30));

  private static EmbeddedInfrastructure temporal;
  private static RestartablePostgres postgres;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    synchronized (DatabaseOutageTest.class) {
      if (temporal == null) {
        temporal = EmbeddedInfrastructure.start(TestTemporal.newNamespace());
        postgres = RestartablePostgres.start();
        Runtime.getRuntime().addShutdownHook(new Thread(temporal::close));
      }
    }
    FirelineApp.register(registry, temporal, "classpath:fireline-database-outage.yml");
    registry.add("spring.datasource.url", postgres::jdbcUrl);
  }

  @AfterAll
  static void stop() {
    postgres.close();
  }

  @Test
  void halfAMinuteWithoutPostgresLosesNoAcceptedAlertAndPagesNobodyTwice() {
    FirelineApp app = new FirelineApp(port);
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> dedupKeys =
        IntStream.range(0, ALERTS).mapToObj(i -> "outage-" + run + "-" + i).toList();
    // all at once, so the outage meets incidents at every step: starting, saving, paging
    List<Response> answers =
        dedupKeys.parallelStream()
            .map(
                dedupKey ->
                    app.postWithHeader("/api/alerts", "X-Fireline-Key", KEY, alert(dedupKey)))
            .toList();
    assertThat(answers).allSatisfy(a -> assertThat(a.status()).as("%s", a.body()).isEqualTo(202));
    List<String> incidents = answers.stream().map(a -> a.field("incident")).toList();
    postgres.down();
    Instant down = Instant.now();

    Response duringOutage =
        app.postWithHeader(
            "/api/alerts", "X-Fireline-Key", KEY, alert("outage-" + run + "-during"));
    Duration answeredIn = Duration.between(down, Instant.now());
    Response readDuringOutage = app.get("/api/incidents/" + incidents.get(0));

    Awaitility.await()
        .pollDelay(OUTAGE.minus(Duration.between(down, Instant.now())))
        .atMost(OUTAGE.plusSeconds(5))
        .until(() -> true);
    // taken before the restart: PostgreSQL accepts connections (and held-back pages go out) before
    // up() returns
    Instant up = Instant.now();
    postgres.up();

    List<JsonNode> pages =
        Awaitility.await("every accepted alert's incident paged")
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> app.pages(incidents),
                found ->
                    found.size() >= ALERTS
                        && found.stream()
                            .allMatch(
                                p -> List.of("LOGGED").contains(p.path("status").asString())));
    Instant caughtUp = Instant.now();
    List<JsonNode> listed =
        Awaitility.await("read model caught up")
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> readModel(app, incidents),
                rows ->
                    rows.size() == ALERTS
                        && rows.stream()
                            .allMatch(r -> r.path("stage").asString().equals("TRIGGERED")));
    Response repeat =
        app.postWithHeader("/api/alerts", "X-Fireline-Key", KEY, alert(dedupKeys.get(0)));

    long pagedAfterOutage =
        pages.stream()
            .filter(p -> Instant.parse(p.path("createdAt").asString()).isAfter(up))
            .count();
    System.out.printf(
        "database-outage: %d alerts accepted, then a %d s outage; during it an "
            + "alert got %d in %d ms; %d of the %d pages went out after PostgreSQL was back, all "
            + "within %d ms of it%n",
        ALERTS,
        OUTAGE.toSeconds(),
        duringOutage.status(),
        answeredIn.toMillis(),
        pagedAfterOutage,
        ALERTS,
        Duration.between(up, caughtUp).toMillis());
    assertThat(duringOutage.status()).isEqualTo(503);
    assertThat(duringOutage.headers()).containsKey("retry-after");
    assertThat(answeredIn).isLessThan(Duration.ofSeconds(15));
    assertThat(readDuringOutage.status()).isEqualTo(503);
    assertThat(pages).as("one page per incident, no more").hasSize(ALERTS);
    assertThat(pagedAfterOutage).as("every page was due during the outage").isEqualTo(ALERTS);
    assertThat(listed)
        .extracting(r -> r.path("key").asString())
        .containsExactlyInAnyOrderElementsOf(incidents);
    assertThat(repeat.status()).isEqualTo(202);
    assertThat(repeat.field("incident"))
        .as("deduplicated against the alert from before")
        .isEqualTo(incidents.get(0));
  }

  private static String alert(String dedupKey) {
    return "{\"summary\":\"Search latency over 2 s ("
        + dedupKey
        + ")\",\"dedup_key\":\""
        + dedupKey
        + "\",\"severity\":\"SEV2\"}";
  }

  private static List<JsonNode> readModel(FirelineApp app, List<String> incidents) {
    Response list = app.get("/api/incidents?service=outage&limit=500");
    List<JsonNode> rows = new ArrayList<>();
    if (list.status() == 200) {
      list.body()
          .forEach(
              row -> {
                if (incidents.contains(row.path("key").asString())) {
                  rows.add(row);
                }
              });
    }
    return rows;
  }
}
