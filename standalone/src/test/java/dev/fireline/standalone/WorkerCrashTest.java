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
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Worker processes killed with SIGKILL in the middle of an escalation — while an SMS to the second
 * level is on the wire to Twilio — on a real Temporal server with sticky execution on (the
 * production default). This JVM holds PostgreSQL, the api (its workers switched off) and one Twilio
 * stand-in per worker (all answering as the same Twilio), so the stand-in that receives frank's SMS
 * knows which worker sent it and kills that one.
 *
 * <p>Policy: erin at once, frank at 0:30, grace at 1:00, one SMS each. Twilio accepts frank's SMS
 * but the worker dies before it reads the answer. Expected either way: grace is paged at 1:00 as
 * planned, and Twilio received exactly one SMS per person (frank's is found at Twilio on the retry,
 * not resent). Each run prints how long the incident's workflow tasks waited after the kill: on a
 * real server, a task queued on the dead worker's sticky queue waits out the sticky
 * schedule-to-start timeout (5 s) before any worker gets it.
 */
@SpringBootTest(
    classes = StandaloneApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkerCrashTest {
  private static final String ACCOUNT = "AC00000000000000000000000000000077";
  private static final String TOKEN = "crash-test-twilio-auth-token";
  private static final String FROM = "+15005550006";
  private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  private static final Map<String, String> NUMBERS =
      Map.of("erin", "+15550100001", "frank", "+15550100002", "grace", "+15550100003");
  private static final Duration LEVEL = Duration.ofSeconds(30);

  /** Every SMS a Twilio stand-in accepted: when, to whom, what, through which worker. */
  private record Sms(Instant at, String to, String body, int worker) {}

  private static final Queue<Sms> accepted = new ConcurrentLinkedQueue<>();
  private static final List<TwilioForWorker> twilios =
      List.of(new TwilioForWorker(0), new TwilioForWorker(1));
  private static volatile Instant killedAt;

  /** Twilio never hands out a message SID twice; each drill gets SIDs of its own. */
  private static volatile String sidPrefix;

  private static volatile int killedWorker = -1;
  private static EmbeddedInfrastructure infrastructure;

  @LocalServerPort int port;

  @org.springframework.beans.factory.annotation.Autowired
  io.temporal.client.WorkflowClient temporal;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    synchronized (WorkerCrashTest.class) {
      if (infrastructure == null) {
        infrastructure = EmbeddedInfrastructure.start(TestTemporal.newNamespace());
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close));
      }
    }
    twilios.forEach(TwilioForWorker::startServer);
    FirelineApp.register(registry, infrastructure, "classpath:fireline-worker-crash.yml");
    // This process is the api only: every workflow task and activity runs in the worker processes.
    registry.add("spring.temporal.start-workers", () -> "false");
    twilioSettings(twilios.get(0)).forEach((name, value) -> registry.add(name, () -> value));
  }

  private static Map<String, String> twilioSettings(TwilioForWorker twilio) {
    return Map.of(
        "fireline.twilio.account-sid", ACCOUNT,
        "fireline.twilio.auth-token", TOKEN,
        "fireline.twilio.from-number", FROM,
        "fireline.twilio.api-base-url", twilio.server.baseUrl(),
        "fireline.public-url", "https://fireline.example.test");
  }

  @BeforeEach
  void freshDrill() {
    accepted.clear();
    killedAt = null;
    killedWorker = -1;
    sidPrefix = "SM" + Long.toHexString(System.nanoTime());
    twilios.forEach(TwilioForWorker::reset);
  }

  @AfterEach
  void stopWorkers() {
    twilios.forEach(
        t -> {
          if (t.worker != null) {
            t.worker.stop();
          }
        });
  }

  @AfterAll
  static void stop() {
    twilios.forEach(t -> t.server.stop());
  }

  @Test
  void killedMidEscalationTheRestartedWorkerPagesTheNextLevelOnTimeAndNobodyTwice()
      throws Exception {
    TwilioForWorker only = twilios.get(0);
    only.startWorker("restart");
    FirelineApp app = new FirelineApp(port);

    Instant declaredAt = Instant.now();
    String key = declare(app, "Drill: worker crash and restart");

    Awaitility.await("worker killed on frank's SMS")
        .atMost(LEVEL.plusSeconds(30))
        .until(() -> killedAt != null);
    assertThat(only.worker.exitValue()).as("SIGKILL").isEqualTo(137);
    twilioHasFranksMessage();
    only.worker.start();
    Instant restartedAt = Instant.now();

    // Killed again between levels with nothing running in it (frank's lost attempt waits on the
    // server for its 30 s timeout): only the server's timer remembers that grace is due at 1:00.
    Instant idleKill = declaredAt.plus(LEVEL).plusSeconds(12);
    Awaitility.await("between levels")
        .atMost(LEVEL)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Instant.now().isAfter(idleKill));
    assertThat(sentTo("grace")).as("grace is not due yet").isZero();
    only.worker.kill();
    Instant killedIdleAt = Instant.now();
    only.worker.start();
    Instant restartedIdleAt = Instant.now();

    Instant gracePaged = awaitGrace(key);
    System.out.printf(
        "worker-crash: restart: killed %d ms after declaring, worker up again %d ms "
            + "after the kill; killed idle %d ms after declaring, up again %d ms later; grace paged "
            + "%d ms after declaring (planned %d ms); %s%n",
        Duration.between(declaredAt, killedAt).toMillis(),
        Duration.between(killedAt, restartedAt).toMillis(),
        Duration.between(declaredAt, killedIdleAt).toMillis(),
        Duration.between(killedIdleAt, restartedIdleAt).toMillis(),
        Duration.between(declaredAt, gracePaged).toMillis(),
        LEVEL.multipliedBy(2).toMillis(),
        taskWaits(key, killedAt));
    assertOnTimeAndOncePerPerson(app, key, declaredAt, gracePaged);
  }

  /**
   * Two workers from the start; the one that sends frank's SMS is killed and stays dead. The other,
   * already running, must take over the incident: the lost SMS attempt after its timeout, and the
   * workflow tasks once the dead worker's sticky queue times out.
   */
  @Test
  void aSecondWorkerTakesOverWhileTheKilledOneStaysDead() throws Exception {
    twilios.get(0).startWorker("takeover-a");
    twilios.get(1).startWorker("takeover-b");
    FirelineApp app = new FirelineApp(port);

    Instant declaredAt = Instant.now();
    String key = declare(app, "Drill: worker crash and takeover");

    Awaitility.await("a worker killed on frank's SMS")
        .atMost(LEVEL.plusSeconds(30))
        .until(() -> killedAt != null);
    TwilioForWorker dead = twilios.get(killedWorker);
    TwilioForWorker survivor = twilios.get(1 - killedWorker);
    assertThat(dead.worker.exitValue()).as("SIGKILL").isEqualTo(137);
    twilioHasFranksMessage();

    Instant gracePaged = awaitGrace(key);
    assertThat(survivor.worker.isAlive()).isTrue();
    assertThat(dead.worker.isAlive()).as("the killed worker stays dead").isFalse();
    System.out.printf(
        "worker-crash: takeover: worker %d killed %d ms after declaring and left "
            + "dead; grace paged %d ms after declaring (planned %d ms) through worker %d; %s%n",
        killedWorker,
        Duration.between(declaredAt, killedAt).toMillis(),
        Duration.between(declaredAt, gracePaged).toMillis(),
        LEVEL.multipliedBy(2).toMillis(),
        accepted.stream()
            .filter(s -> s.to().equals(NUMBERS.get("grace")))
            .findFirst()
            .orElseThrow()
            .worker(),
        taskWaits(key, killedAt));
    assertOnTimeAndOncePerPerson(app, key, declaredAt, gracePaged);
  }

  private static String declare(FirelineApp app, String title) {
    Response declared =
        app.post(
            "/api/incidents",
            "{\"title\":\"" + title + "\",\"service\":\"drill\",\"severity\":\"SEV1\"}");
    assertThat(declared.status()).as("declare: %s", declared.body()).isEqualTo(201);
    return declared.field("key");
  }

  /** Twilio has frank's message now: its list answers with it, as the real one would. */
  private static void twilioHasFranksMessage() {
    Sms franks =
        accepted.stream()
            .filter(s -> s.to().equals(NUMBERS.get("frank")))
            .findFirst()
            .orElseThrow();
    twilios.forEach(
        t ->
            t.server.stubFor(
                get(urlPathEqualTo(MESSAGES))
                    .withQueryParam("To", equalTo(franks.to()))
                    .willReturn(messageList(sidPrefix + "frank", franks))));
  }

  private Instant awaitGrace(String key) {
    try {
      Awaitility.await("grace paged")
          .atMost(LEVEL.multipliedBy(3).plusSeconds(30))
          .until(() -> sentTo("grace") > 0);
    } catch (org.awaitility.core.ConditionTimeoutException stuck) {
      // what the incident's history says it waits for
      temporal
          .fetchHistory(key)
          .getEvents()
          .forEach(
              e ->
                  System.out.println(
                      "history: " + e.getEventId() + " " + e.getEventType() + " " + instant(e)));
      throw stuck;
    }
    return accepted.stream()
        .filter(s -> s.to().equals(NUMBERS.get("grace")))
        .findFirst()
        .orElseThrow()
        .at();
  }

  private void assertOnTimeAndOncePerPerson(
      FirelineApp app, String key, Instant declaredAt, Instant gracePaged) {
    JsonNode franksPage =
        Awaitility.await("frank's page settled")
            .atMost(Duration.ofSeconds(90))
            .until(
                () -> page(app, key, "frank"),
                row -> row != null && row.path("status").asString().equals("SENT"));
    assertThat(Duration.between(declaredAt, gracePaged))
        .as("the third level is due 1:00 after declaring; the surviving worker keeps that time")
        .isBetween(LEVEL.multipliedBy(2).minusSeconds(1), LEVEL.multipliedBy(2).plusSeconds(10));
    assertThat(franksPage.path("providerId").asString()).isEqualTo(sidPrefix + "frank");
    assertThat(franksPage.path("detail").asString()).contains("found at Twilio");
    assertThat(app.get("/api/incidents/" + key).field("stage")).isEqualTo("TRIGGERED");
    Map<String, Long> perPerson =
        NUMBERS.keySet().stream().collect(Collectors.toMap(p -> p, WorkerCrashTest::sentTo));
    assertThat(perPerson)
        .as("SMS per person at Twilio")
        .isEqualTo(Map.of("erin", 1L, "frank", 1L, "grace", 1L));
    // acknowledged, so that nothing of this drill runs on into the next one
    assertThat(app.post("/api/incidents/" + key + "/acknowledge", "{}").status()).isEqualTo(200);
  }

  /**
   * How long the incident's workflow tasks waited for a worker after the kill: the longest time
   * from a task first being queued to a worker starting it (through a timeout on a dead worker's
   * sticky queue and the task put back on the shared queue, if it came to that), and how many tasks
   * timed out on a sticky queue.
   */
  private String taskWaits(String key, Instant after) {
    Map<Long, Instant> scheduled = new java.util.HashMap<>();
    Instant timedOutTaskQueued = null;
    long longest = 0;
    int stickyTimeouts = 0;
    for (HistoryEvent event : temporal.fetchHistory(key).getEvents()) {
      switch (event.getEventType()) {
        case EVENT_TYPE_WORKFLOW_TASK_SCHEDULED ->
            scheduled.put(event.getEventId(), instant(event));
        case EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT -> {
          Instant queued =
              scheduled.get(event.getWorkflowTaskTimedOutEventAttributes().getScheduledEventId());
          if (queued != null && queued.isAfter(after)) {
            stickyTimeouts++;
            timedOutTaskQueued = timedOutTaskQueued == null ? queued : timedOutTaskQueued;
          }
        }
        case EVENT_TYPE_WORKFLOW_TASK_STARTED -> {
          Instant queued =
              timedOutTaskQueued != null
                  ? timedOutTaskQueued
                  : scheduled.get(
                      event.getWorkflowTaskStartedEventAttributes().getScheduledEventId());
          if (queued != null && queued.isAfter(after)) {
            longest = Math.max(longest, Duration.between(queued, instant(event)).toMillis());
          }
          timedOutTaskQueued = null;
        }
        default -> {}
      }
    }
    return "after the kill the longest workflow-task wait was "
        + longest
        + " ms, "
        + stickyTimeouts
        + " task(s) timed out on a dead worker's sticky queue ("
        + (TestTemporal.realServer() ? "Temporal dev server" : "in-process test service")
        + ")";
  }

  private static Instant instant(HistoryEvent event) {
    return Instant.ofEpochSecond(
        event.getEventTime().getSeconds(), event.getEventTime().getNanos());
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
    String message =
        "{\"sid\":\""
            + sid
            + "\",\"to\":\""
            + sms.to()
            + "\",\"from\":\""
            + FROM
            + "\",\"body\":"
            + tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .writeValueAsString(sms.body())
            + ",\"status\":\"sent\",\"date_created\":\""
            + rfc2822(sms.at().atZone(ZoneOffset.UTC))
            + "\"}";
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"messages\":["
                + message
                + "],\"page\":0,\"page_size\":20,\"start\":0,"
                + "\"end\":0,\"uri\":\""
                + MESSAGES
                + "\",\"first_page_uri\":\""
                + MESSAGES
                + "\","
                + "\"next_page_uri\":null,\"previous_page_uri\":null}");
  }

  private static String rfc2822(ZonedDateTime at) {
    return DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).format(at);
  }

  /**
   * Twilio's stand-in as one worker process sees it: records every SMS it accepts; on frank's,
   * kills its worker before the answer leaves, so the worker never learns that Twilio took it.
   */
  private static final class TwilioForWorker implements ServeEventListener {
    private final int index;
    private final WireMockServer server;
    private volatile WorkerProcess worker;

    TwilioForWorker(int index) {
      this.index = index;
      this.server =
          new WireMockServer(
              WireMockConfiguration.wireMockConfig()
                  .dynamicPort()
                  .bindAddress("127.0.0.1")
                  .extensions(this));
    }

    void startServer() {
      if (!server.isRunning()) {
        server.start();
      }
    }

    void reset() {
      server.resetAll();
      NUMBERS.forEach(
          (person, number) ->
              server.stubFor(
                  post(urlPathEqualTo(MESSAGES))
                      .withFormParam("To", equalTo(number))
                      .willReturn(
                          aResponse()
                              .withStatus(201)
                              .withHeader("Content-Type", "application/json")
                              .withBody(
                                  "{\"sid\":\""
                                      + sidPrefix
                                      + person
                                      + "\",\"status\":\"queued\",\"date_created\":\""
                                      + rfc2822(ZonedDateTime.now(ZoneOffset.UTC))
                                      + "\"}"))));
    }

    void startWorker(String name) throws java.io.IOException {
      Map<String, String> properties = new java.util.HashMap<>(twilioSettings(this));
      properties.put("spring.datasource.url", infrastructure.jdbcUrl());
      properties.put("spring.datasource.username", "postgres");
      properties.put("spring.datasource.password", "postgres");
      properties.put("spring.temporal.connection.target", infrastructure.temporalTarget());
      properties.put("spring.temporal.namespace", infrastructure.temporal().namespace());
      if (!TestTemporal.realServer()) {
        // The SDK's test service queues a workflow task on the sticky queue of the worker that
        // last ran the incident and never moves it: a killed worker's tasks would wait forever.
        // 0 s sends every task to the shared queue from the start, which is where a real server
        // puts them after the sticky timeout.
        properties.put("fireline.temporal.sticky-schedule-to-start-timeout", "0s");
      }
      Path log =
          Files.createDirectories(Path.of("target")).resolve("worker-crash-test-" + name + ".log");
      worker = new WorkerProcess(properties, log);
      worker.start();
    }

    @Override
    public void beforeResponseSent(ServeEvent event, Parameters parameters) {
      if (event.getRequest().getMethod().equals(RequestMethod.POST)
          && event.getRequest().getUrl().startsWith(MESSAGES)) {
        Map<String, String> form = FirelineApp.formFields(event.getRequest().getBodyAsString());
        accepted.add(new Sms(Instant.now(), form.get("To"), form.get("Body"), index));
        synchronized (WorkerCrashTest.class) {
          if (form.get("To").equals(NUMBERS.get("frank")) && killedAt == null) {
            worker.kill();
            killedWorker = index;
            killedAt = Instant.now();
          }
        }
      }
    }

    @Override
    public boolean applyGlobally() {
      return true;
    }

    @Override
    public String getName() {
      return "kill-worker-" + index + "-on-franks-sms";
    }
  }
}
