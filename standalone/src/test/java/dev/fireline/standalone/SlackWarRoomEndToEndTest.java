package dev.fireline.standalone;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.fireline.communicate.slack.SlackActions;
import dev.fireline.standalone.FirelineApp.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One SEV1 through its Slack war room, on the real app (api and worker), the Temporal server and
 * PostgreSQL, with WireMock standing in for Slack's Web API and response_urls. Slack first answers
 * 429 (Retry-After) and 503: paging keeps its times while the channel waits. Then: one channel, the
 * paged people invited, the summary pinned with its buttons; a stranger's click refused, a forged
 * and a stale request refused; bob's click acknowledges as bob; {@code /incident update} posts a
 * status update; Resolve from Slack; publishing the postmortem archives the channel.
 */
@SpringBootTest(
    classes = StandaloneApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SlackWarRoomEndToEndTest {
  private static final String SIGNING_SECRET = "war-room-e2e-signing-secret";
  private static final String CHANNEL = "C0E2EWAR";
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final WireMockServer slack =
      new WireMockServer(
          WireMockConfiguration.wireMockConfig()
              .dynamicPort()
              .bindAddress("127.0.0.1")
              .globalTemplating(true));
  private static EmbeddedInfrastructure infrastructure;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    synchronized (SlackWarRoomEndToEndTest.class) {
      if (infrastructure == null) {
        infrastructure = EmbeddedInfrastructure.start(TestTemporal.newNamespace());
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close));
        slack.start();
        standInForSlack();
      }
    }
    FirelineApp.register(registry, infrastructure, "classpath:fireline-slack-war-room.yml");
    registry.add("fireline.public-url", () -> "https://fireline.example.test");
    registry.add("fireline.slack.bot-token", () -> "xoxb-war-room-e2e");
    registry.add("fireline.slack.signing-secret", () -> SIGNING_SECRET);
    registry.add("fireline.slack.api-url", () -> slack.baseUrl() + "/api/");
    registry.add("fireline.slack.timeout", () -> "2s");
  }

  @AfterAll
  static void stop() {
    slack.stop();
  }

  @Test
  void aSev1RunsThroughItsWarRoom() {
    FirelineApp app = new FirelineApp(port);
    SlackRequests slackSide = new SlackRequests(port, SIGNING_SECRET, slack);

    Instant declared = Instant.now();
    Response declaration =
        app.post(
            "/api/incidents",
            "{\"title\":\"Payments time out\","
                + "\"service\":\"payments\",\"severity\":\"SEV1\"}");
    assertThat(declaration.status()).as("%s", declaration.body()).isEqualTo(201);
    String key = declaration.field("key");

    // paging keeps its times while Slack answers 429 and 503: alice at once, bob after 10 s
    List<JsonNode> pages =
        Awaitility.await("both levels paged")
            .atMost(PATIENCE)
            .until(() -> app.pages(List.of(key)), found -> found.size() >= 3);
    assertThat(secondsAfter(declared, page(pages, "alice"))).isLessThan(3.0);
    assertThat(secondsAfter(declared, page(pages, "bob"))).isBetween(10.0, 13.0);

    // the war room, once Slack lets it: one channel, its people, the summary pinned with buttons
    Awaitility.await("war room opened")
        .atMost(PATIENCE)
        .until(
            () ->
                app.get("/api/incidents/" + key)
                    .body()
                    .path("warRoom")
                    .path("channelId")
                    .asString(""),
            CHANNEL::equals);
    List<Map<String, String>> creates = slackSide.calls("conversations.create");
    assertThat(creates)
        .as("429, 503, then created: the same name every time, one channel")
        .hasSize(3)
        .extracting(c -> c.get("name"))
        .containsOnly(creates.get(0).get("name"));
    assertThat(creates.get(0).get("name")).startsWith("inc-").endsWith("-payments-time-out");
    Awaitility.await("people invited")
        .atMost(PATIENCE)
        .until(
            () ->
                String.join(
                    ",",
                    slackSide.calls("conversations.invite").stream()
                        .map(c -> c.get("users"))
                        .toList()),
            invited -> invited.contains("U0ALICE") && invited.contains("U0BOB"));
    assertThat(slackSide.calls("pins.add")).hasSize(1);
    Map<String, String> summary = slackSide.calls("chat.postMessage").get(0);
    assertThat(summary.get("channel")).isEqualTo(CHANNEL);
    assertThat(summary.get("blocks"))
        .contains(
            SlackActions.ACKNOWLEDGE,
            SlackActions.ESCALATE,
            SlackActions.RESOLVE,
            SlackActions.POST_UPDATE,
            key);

    // refused, and nothing changes: a Slack user Fireline does not know, a forged and a stale call
    slackSide.interaction(
        SlackRequests.click(
            "U0STRANGER",
            CHANNEL,
            SlackActions.ACKNOWLEDGE,
            key,
            slackSide.responseUrl("stranger"),
            "t.1"));
    JsonNode refusal =
        Awaitility.await()
            .atMost(PATIENCE)
            .until(() -> slackSide.responses("stranger"), r -> !r.isEmpty())
            .get(0);
    assertThat(refusal.path("response_type").asString()).isEqualTo("ephemeral");
    assertThat(refusal.path("text").asString()).contains("does not know your Slack account");
    String bobsClick =
        SlackRequests.click(
            "U0BOB",
            CHANNEL,
            SlackActions.ACKNOWLEDGE,
            key,
            slackSide.responseUrl("bob-ack"),
            "t.2");
    String form = "payload=" + SlackRequests.encode(bobsClick);
    assertThat(
            slackSide
                .post(
                    "/api/slack/interactions",
                    form,
                    "application/x-www-form-urlencoded",
                    SlackRequests.now(),
                    "not-the-secret")
                .status())
        .as("forged")
        .isEqualTo(401);
    assertThat(
            slackSide
                .post(
                    "/api/slack/interactions",
                    form,
                    "application/x-www-form-urlencoded",
                    SlackRequests.now() - 6 * 60,
                    SIGNING_SECRET)
                .status())
        .as("stale: outside Slack's five minutes")
        .isEqualTo(401);
    assertThat(app.get("/api/incidents/" + key).field("stage")).isEqualTo("TRIGGERED");

    // bob's own click acknowledges as bob; the message is replaced in place
    assertThat(slackSide.interaction(bobsClick).status()).isEqualTo(200);
    Awaitility.await("acknowledged by bob")
        .atMost(PATIENCE)
        .until(() -> app.get("/api/incidents/" + key).field("acknowledgedBy"), "bob"::equals);
    JsonNode replaced =
        Awaitility.await()
            .atMost(PATIENCE)
            .until(() -> slackSide.responses("bob-ack"), r -> !r.isEmpty())
            .get(0);
    assertThat(replaced.path("replace_original").asBoolean()).isTrue();

    // a status update by slash command, in the incident's channel
    SlackRequests.Answer update =
        slackSide.command(
            "U0BOB",
            CHANNEL,
            "update identified Card processor timeouts; failing over",
            "bob-update",
            "t.3");
    assertThat(update.status()).isEqualTo(200);
    Awaitility.await("status update posted")
        .atMost(PATIENCE)
        .until(
            () -> app.get("/api/incidents/" + key).body().path("statusUpdates").toString(),
            u -> u.contains("Card processor timeouts; failing over"));

    // resolved from Slack, postmortem published: the channel is archived, once
    slackSide.interaction(
        SlackRequests.click(
            "U0BOB",
            CHANNEL,
            SlackActions.RESOLVE,
            key,
            slackSide.responseUrl("bob-resolve"),
            "t.4"));
    Awaitility.await("resolved")
        .atMost(PATIENCE)
        .until(() -> app.get("/api/incidents/" + key).field("stage"), "POSTMORTEM"::equals);
    Response published = app.post("/api/incidents/" + key + "/postmortem/publish", null);
    assertThat(published.status()).as("%s", published.body()).isEqualTo(200);
    Awaitility.await("archived")
        .atMost(PATIENCE)
        .until(() -> slackSide.calls("conversations.archive").size(), n -> n >= 1);

    JsonNode incident = app.get("/api/incidents/" + key).body();
    assertThat(incident.path("timeline").toString()).contains("Acknowledged by bob", "war room");
    List<String> posted =
        slackSide.calls("chat.postMessage").stream()
            .filter(c -> CHANNEL.equals(c.get("channel")))
            .map(c -> c.get("text") + c.get("blocks"))
            .toList();
    assertThat(String.join("\n", posted))
        .as("the timeline followed in the channel")
        .contains("Acknowledged by bob", "Card processor timeouts");
    assertThat(slackSide.calls("conversations.create")).as("still one channel").hasSize(3);
    assertThat(slackSide.calls("conversations.archive")).hasSize(1);
    assertThat(slackSide.calls("chat.update"))
        .as("the summary kept current in place")
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.get("channel")).isEqualTo(CHANNEL));
  }

  private static Instant page(List<JsonNode> pages, String person) {
    return pages.stream()
        .filter(p -> p.path("recipientId").asString().equals(person))
        .map(p -> Instant.parse(p.path("createdAt").asString()))
        .findFirst()
        .orElseThrow();
  }

  private static double secondsAfter(Instant start, Instant at) {
    return Duration.between(start, at).toMillis() / 1000.0;
  }

  /** Slack's Web API as Fireline uses it, in the shapes Slack documents. */
  private static void standInForSlack() {
    // a method no stub below answers: Slack's answer to an unknown method
    slack.stubFor(
        post(urlPathMatching("/api/.*"))
            .atPriority(10)
            .willReturn(okJson("{\"ok\":false,\"error\":\"unknown_method\"}")));
    slack.stubFor(post(urlPathMatching("/respond/.*")).willReturn(aResponse().withBody("ok")));
    ok(
        "auth.test",
        "\"url\":\"https://example.slack.com/\",\"team\":\"Example\",\"user\":"
            + "\"fireline\",\"team_id\":\"T0001\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0001\"");
    // creating the channel: rate limited, then Slack is down, then it works
    slack.stubFor(
        post(urlPathEqualTo("/api/conversations.create"))
            .inScenario("create")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("limited")
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));
    slack.stubFor(
        post(urlPathEqualTo("/api/conversations.create"))
            .inScenario("create")
            .whenScenarioStateIs("limited")
            .willSetStateTo("down")
            .willReturn(aResponse().withStatus(503).withBody("upstream trouble")));
    slack.stubFor(
        post(urlPathEqualTo("/api/conversations.create"))
            .inScenario("create")
            .whenScenarioStateIs("down")
            .willSetStateTo("created")
            .willReturn(
                okJson(
                    "{\"ok\":true,\"channel\":{\"id\":\""
                        + CHANNEL
                        + "\",\"name\":"
                        + "\"inc-payments\",\"is_channel\":true,"
                        + "\"is_member\":true,\"created\":1700000000}}")));
    ok("conversations.setTopic", "\"channel\":{\"id\":\"" + CHANNEL + "\"}");
    ok("conversations.invite", "\"channel\":{\"id\":\"" + CHANNEL + "\"}");
    ok(
        "chat.postMessage",
        "\"channel\":\""
            + CHANNEL
            + "\",\"ts\":\""
            + "{{randomValue length=10 type='NUMERIC'}}.000100\",\"message\":{\"type\":\"message\"}");
    ok("chat.update", "\"channel\":\"" + CHANNEL + "\",\"ts\":\"1700000000.000100\"");
    ok("pins.add", "");
    ok("bookmarks.list", "\"bookmarks\":[]");
    ok("bookmarks.add", "\"bookmark\":{\"id\":\"Bk0001\",\"channel_id\":\"" + CHANNEL + "\"}");
    ok("conversations.history", "\"messages\":[],\"has_more\":false");
    ok("conversations.archive", "");
    ok(
        "users.info",
        "\"user\":{\"id\":\"U0STRANGER\",\"name\":\"stranger\",\"profile\":{"
            + "\"email\":\"stranger@example.org\",\"real_name\":\"Stranger\"}}");
  }

  private static void ok(String method, String fields) {
    slack.stubFor(
        post(urlPathEqualTo("/api/" + method))
            .willReturn(okJson("{\"ok\":true" + (fields.isEmpty() ? "" : "," + fields) + "}")));
  }
}
