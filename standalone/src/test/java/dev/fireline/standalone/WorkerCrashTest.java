package dev.fireline.standalone;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.fireline.standalone.FirelineApp.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The worker process is killed with SIGKILL in the middle of an escalation — while its SMS to the
 * second level is on the wire to Twilio — and started again; then killed once more while it only
 * waits for the third level's time, and started again. This JVM holds Temporal, PostgreSQL, the api
 * (its workers switched off) and Twilio's stand-in; the worker is a separate process.
 *
 * <p>Policy: erin at once, frank at 0:30, grace at 1:00, one SMS each. Twilio accepts frank's SMS
 * but the worker dies before it reads the answer. Expected: grace is paged at 1:00 as planned, and
 * Twilio received exactly one SMS per person (frank's is found at Twilio on the retry, not resent).
 */
@SpringBootTest(classes = StandaloneApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkerCrashTest {
  private static final String ACCOUNT = "AC00000000000000000000000000000077";
  private static final String TOKEN = "crash-test-twilio-auth-token";
  private static final String FROM = "+15005550006";
  private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  private static final Map<String, String> NUMBERS = Map.of(
      "erin", "+15550100001", "frank", "+15550100002", "grace", "+15550100003");
  private static final Duration LEVEL = Duration.ofSeconds(30);

  /** Every SMS Twilio's stand-in accepted: when, to whom, what. */
  private record Sms(Instant at, String to, String body) {}

  private static final Queue<Sms> accepted = new ConcurrentLinkedQueue<>();
  private static volatile WorkerProcess worker;
  private static volatile Instant killedAt;
  private static final WireMockServer twilio = new WireMockServer(WireMockConfiguration
      .wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(new KillOnFranksSms()));
  private static EmbeddedInfrastructure infrastructure;

  @LocalServerPort
  int port;
  @org.springframework.beans.factory.annotation.Autowired
  io.temporal.client.WorkflowClient temporal;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    synchronized (WorkerCrashTest.class) {
      if (infrastructure == null) {
        infrastructure = EmbeddedInfrastructure.start(0);
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close));
      }
    }
    if (!twilio.isRunning()) {
      twilio.start();
    }
    FirelineApp.register(registry, infrastructure, "classpath:fireline-worker-crash.yml");
    // This process is the api only: every workflow task and activity runs in the worker process.
    registry.add("spring.temporal.start-workers", () -> "false");
    twilioSettings().forEach((name, value) -> registry.add(name, () -> value));
  }

  private static Map<String, String> twilioSettings() {
    return Map.of(
        "fireline.twilio.account-sid", ACCOUNT,
        "fireline.twilio.auth-token", TOKEN,
        "fireline.twilio.from-number", FROM,
        "fireline.twilio.api-base-url", twilio.baseUrl(),
        "fireline.public-url", "https://fireline.example.test");
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.stop();
    }
    twilio.stop();
  }

  @Test
  void killedMidEscalationTheRestartedWorkerPagesTheNextLevelOnTimeAndNobodyTwice()
      throws Exception {
    Path log = Files.createDirectories(Path.of("target")).resolve("worker-crash-test-worker.log");
    Map<String, String> workerProperties = new java.util.HashMap<>(twilioSettings());
    workerProperties.put("spring.datasource.url", infrastructure.jdbcUrl());
    workerProperties.put("spring.datasource.username", "postgres");
    workerProperties.put("spring.datasource.password", "postgres");
    workerProperties.put("spring.temporal.connection.target", infrastructure.temporalTarget());
    // The SDK's test server queues a workflow task on the sticky queue of the worker that last ran
    // the incident and never moves it: a killed worker's tasks would wait forever. A Temporal server
    // hands them to any worker after this timeout (5 s by default); 0 s sends every task to the
    // shared queue from the start, which is where the real server puts them after those 5 s.
    workerProperties.put("fireline.temporal.sticky-schedule-to-start-timeout", "0s");
    worker = new WorkerProcess(workerProperties, log);
    worker.start();
    NUMBERS.forEach((person, number) -> twilio.stubFor(post(urlPathEqualTo(MESSAGES))
        .withFormParam("To", equalTo(number))
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withBody("{\"sid\":\"SM" + person + "\",\"status\":\"queued\",\"date_created\":\""
                + rfc2822(ZonedDateTime.now(ZoneOffset.UTC)) + "\"}"))));
    FirelineApp app = new FirelineApp(port);

    Instant declaredAt = Instant.now();
    Response declared = app.post("/api/incidents",
        "{\"title\":\"Drill: worker crash\",\"service\":\"drill\",\"severity\":\"SEV1\"}");
    assertThat(declared.status()).as("declare: %s", declared.body()).isEqualTo(201);
    String key = declared.field("key");

    Awaitility.await("worker killed on frank's SMS").atMost(LEVEL.plusSeconds(30))
        .until(() -> killedAt != null);
    assertThat(worker.exitValue()).as("SIGKILL").isEqualTo(137);
    // Twilio has frank's message now: its list answers with it, as the real one would.
    Sms franks = accepted.stream().filter(s -> s.to().equals(NUMBERS.get("frank"))).findFirst()
        .orElseThrow();
    twilio.stubFor(get(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo(franks.to()))
        .willReturn(messageList("SMfrank", franks)));
    worker.start();
    Instant restartedAt = Instant.now();

    // Killed again between levels with nothing running in it (frank's lost attempt waits on the
    // server for its 30 s timeout): only the server's timer remembers that grace is due at 1:00.
    Instant idleKill = declaredAt.plus(LEVEL).plusSeconds(12);
    Awaitility.await("between levels").atMost(LEVEL).pollInterval(Duration.ofMillis(100))
        .until(() -> Instant.now().isAfter(idleKill));
    assertThat(sentTo("grace")).as("grace is not due yet").isZero();
    worker.kill();
    Instant killedIdleAt = Instant.now();
    worker.start();
    Instant restartedIdleAt = Instant.now();

    try {
      Awaitility.await("grace paged").atMost(LEVEL.multipliedBy(3).plusSeconds(30))
          .until(() -> sentTo("grace") > 0);
    } catch (org.awaitility.core.ConditionTimeoutException stuck) {
      // what the incident's history says it waits for
      temporal.fetchHistory(key).getEvents().forEach(e -> System.out.println("history: "
          + e.getEventId() + " " + e.getEventType() + " " + Instant.ofEpochSecond(
              e.getEventTime().getSeconds(), e.getEventTime().getNanos())));
      throw stuck;
    }
    Instant gracePaged = accepted.stream().filter(s -> s.to().equals(NUMBERS.get("grace")))
        .findFirst().orElseThrow().at();
    JsonNode franksPage = Awaitility.await("frank's page settled").atMost(Duration.ofSeconds(90))
        .until(() -> page(app, key, "frank"), row -> row != null
            && row.path("status").asString().equals("SENT"));

    System.out.printf("worker-crash: killed %d ms after declaring, worker up again %d ms after the "
            + "kill; killed idle %d ms after declaring, up again %d ms later; grace paged %d ms "
            + "after declaring (planned %d ms)%n",
        Duration.between(declaredAt, killedAt).toMillis(),
        Duration.between(killedAt, restartedAt).toMillis(),
        Duration.between(declaredAt, killedIdleAt).toMillis(),
        Duration.between(killedIdleAt, restartedIdleAt).toMillis(),
        Duration.between(declaredAt, gracePaged).toMillis(), LEVEL.multipliedBy(2).toMillis());
    assertThat(Duration.between(declaredAt, gracePaged))
        .as("the third level is due 1:00 after declaring; the restarted worker keeps that time")
        .isBetween(LEVEL.multipliedBy(2).minusSeconds(1), LEVEL.multipliedBy(2).plusSeconds(10));
    assertThat(franksPage.path("providerId").asString()).isEqualTo("SMfrank");
    assertThat(franksPage.path("detail").asString()).contains("found at Twilio");
    assertThat(app.get("/api/incidents/" + key).field("stage")).isEqualTo("TRIGGERED");
    Map<String, Long> perPerson = NUMBERS.keySet().stream()
        .collect(Collectors.toMap(p -> p, WorkerCrashTest::sentTo));
    assertThat(perPerson).as("SMS per person at Twilio").isEqualTo(
        Map.of("erin", 1L, "frank", 1L, "grace", 1L));
  }

  private static long sentTo(String person) {
    return accepted.stream().filter(s -> s.to().equals(NUMBERS.get(person))).count();
  }

  private static JsonNode page(FirelineApp app, String key, String person) {
    for (JsonNode row : app.get("/api/notifications?incident=" + key).body()) {
      if (row.path("recipientId").asString().equals(person)
          && row.path("kind").asString().equals("PAGE")) {
        return row;
      }
    }
    return null;
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder messageList(
      String sid, Sms sms) {
    String message = "{\"sid\":\"" + sid + "\",\"to\":\"" + sms.to() + "\",\"from\":\"" + FROM
        + "\",\"body\":" + tools.jackson.databind.json.JsonMapper.builder().build()
        .writeValueAsString(sms.body()) + ",\"status\":\"sent\",\"date_created\":\""
        + rfc2822(sms.at().atZone(ZoneOffset.UTC)) + "\"}";
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"messages\":[" + message + "],\"page\":0,\"page_size\":20,\"start\":0,"
            + "\"end\":0,\"uri\":\"" + MESSAGES + "\",\"first_page_uri\":\"" + MESSAGES + "\","
            + "\"next_page_uri\":null,\"previous_page_uri\":null}");
  }

  private static String rfc2822(ZonedDateTime at) {
    return DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).format(at);
  }

  /**
   * Records every SMS Twilio accepts; on frank's, kills the worker before the answer leaves, so
   * the worker never learns that Twilio took it.
   */
  private static final class KillOnFranksSms implements ServeEventListener {
    @Override
    public void beforeResponseSent(ServeEvent event, Parameters parameters) {
      if (event.getRequest().getMethod().equals(RequestMethod.POST)
          && event.getRequest().getUrl().startsWith(MESSAGES)) {
        Map<String, String> form = FirelineApp.formFields(event.getRequest().getBodyAsString());
        accepted.add(new Sms(Instant.now(), form.get("To"), form.get("Body")));
        if (form.get("To").equals(NUMBERS.get("frank")) && killedAt == null) {
          worker.kill();
          killedAt = Instant.now();
        }
      }
    }

    @Override
    public boolean applyGlobally() {
      return true;
    }

    @Override
    public String getName() {
      return "kill-worker-on-franks-sms";
    }
  }

}
