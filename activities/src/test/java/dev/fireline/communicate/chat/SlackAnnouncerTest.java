package dev.fireline.communicate.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.fireline.communicate.chat.ChatStandIn.announcement;
import static dev.fireline.communicate.chat.ChatStandIn.incident;
import static dev.fireline.communicate.chat.ChatStandIn.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fireline.communicate.Announcement;
import dev.fireline.communicate.Announcement.Kind;
import dev.fireline.communicate.Announcements;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.ServiceDefinition;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import dev.fireline.support.Postgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slack announcements through the announce activity ({@link Announcements}, with its delivery table
 * on a real PostgreSQL) against WireMock standing in for Slack's incoming webhooks.
 */
class SlackAnnouncerTest {
  private static final WireMockServer slack = new WireMockServer(options().dynamicPort());
  private static final DataSource db = Postgres.migrated();
  private final DirectoryStore directory = new DirectoryStore(db);

  @BeforeAll
  static void start() {
    slack.start();
  }

  @AfterAll
  static void stop() {
    slack.stop();
  }

  @BeforeEach
  void reset() {
    slack.resetAll();
    slack.stubFor(post("/services/global").willReturn(ok("ok")));
    slack.stubFor(post("/services/search-team").willReturn(ok("ok")));
    directory.put(
        DirectoryStore.Kind.SERVICE,
        "chat-checkout",
        new ServiceDefinition(
            "chat-checkout",
            "Checkout",
            null,
            null,
            "https://runbooks.example.test/checkout",
            null,
            List.of(),
            false),
        DirectoryStore.API);
  }

  private Announcements announcements(Map<String, ChatSettings.ServiceChat> services) {
    ChatSettings settings =
        new ChatSettings(
                slack.baseUrl() + "/services/global", services, null, null, Duration.ofSeconds(5))
            .validated();
    return new Announcements(
        List.of(
            new SlackAnnouncer(
                settings, new WebhookPoster(settings.timeout()), new StakeholderRule(db))),
        directory,
        db);
  }

  @Test
  void declaredStatusUpdateAndResolvedArePostedWithBlocks() {
    Announcements announcements = announcements(Map.of());
    long n = incident();

    announcements.announce(
        announcement(
            n,
            1,
            Kind.DECLARED,
            Severity.SEV1,
            Stage.TRIGGERED,
            "chat-checkout",
            "SEV1 declared on chat-checkout: Checkout returns 500",
            null));
    announcements.announce(
        announcement(
            n,
            4,
            Kind.STATUS_UPDATE,
            Severity.SEV1,
            Stage.IDENTIFIED,
            "chat-checkout",
            "Public update, identified: Bad deploy <rolled back> & fixed",
            "Bad deploy rolled back"));
    announcements.announce(
        announcement(
            n,
            7,
            Kind.RESOLVED,
            Severity.SEV1,
            Stage.POSTMORTEM,
            "chat-checkout",
            "Resolved by alice: rolled back 1.42",
            null));

    List<LoggedRequest> posts = slack.findAll(postRequestedFor(urlEqualTo("/services/global")));
    assertThat(posts).hasSize(3);
    assertThat(posts)
        .allSatisfy(p -> assertThat(p.getHeader("Content-Type")).startsWith("application/json"));

    JsonNode declared = json(posts.get(0).getBodyAsString());
    assertThat(declared.path("text").asText())
        .contains("INC-" + n + " declared: Checkout returns 500")
        .contains("SEV1")
        .contains("Checkout");
    JsonNode blocks = declared.path("blocks");
    assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
    assertThat(blocks.get(0).path("text").path("text").asText())
        .isEqualTo(":rotating_light: INC-" + n + " declared: Checkout returns 500");
    assertThat(blocks.get(1).path("fields").toString())
        .contains("*Severity*\\nSEV1")
        .contains("*Stage*\\nTriggered")
        .contains("*Service*\\nCheckout");
    assertThat(blocks.get(2).path("text").path("text").asText())
        .contains("SEV1 declared on chat-checkout")
        .contains("<https://runbooks.example.test/checkout|Runbook>");
    assertThat(blocks.get(3).path("type").asText()).isEqualTo("context");

    JsonNode update = json(posts.get(1).getBodyAsString());
    assertThat(update.path("text").asText()).contains("INC-" + n + " identified");
    String updateText = update.path("blocks").get(2).path("text").path("text").asText();
    // Slack's mrkdwn escaping, and the public wording next to the internal one
    assertThat(updateText)
        .contains("Bad deploy &lt;rolled back&gt; &amp; fixed")
        .contains("*Public status update:* Bad deploy rolled back");

    JsonNode resolved = json(posts.get(2).getBodyAsString());
    assertThat(resolved.path("blocks").get(0).path("text").path("text").asText())
        .startsWith(":white_check_mark: INC-" + n + " resolved");
  }

  @Test
  void aRetriedAnnouncementDoesNotPostTwice() {
    Announcements announcements = announcements(Map.of());
    Announcement declared =
        announcement(
            incident(),
            1,
            Kind.DECLARED,
            Severity.SEV2,
            Stage.TRIGGERED,
            "chat-checkout",
            "SEV2 declared",
            null);

    announcements.announce(declared);
    announcements.announce(declared);
    announcements.announce(declared);

    slack.verify(1, postRequestedFor(urlEqualTo("/services/global")));
  }

  @Test
  void serverErrorsAndRateLimitsAreRetriedThenPostedOnce() {
    slack.stubFor(
        post("/services/global")
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("limited")
            .willReturn(aResponse().withStatus(503).withBody("service unavailable")));
    slack.stubFor(
        post("/services/global")
            .inScenario("flaky")
            .whenScenarioStateIs("limited")
            .willSetStateTo("up")
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "1")
                    .withBody("rate_limited")));
    slack.stubFor(
        post("/services/global")
            .inScenario("flaky")
            .whenScenarioStateIs("up")
            .willReturn(ok("ok")));
    Announcements announcements = announcements(Map.of());
    Announcement declared =
        announcement(
            incident(),
            1,
            Kind.DECLARED,
            Severity.SEV1,
            Stage.TRIGGERED,
            "chat-checkout",
            "SEV1 declared",
            null);

    assertThatThrownBy(() -> announcements.announce(declared)).hasMessageContaining("503");
    assertThatThrownBy(() -> announcements.announce(declared))
        .hasMessageContaining("429")
        .hasMessageContaining("Retry-After 1")
        .hasMessageNotContaining("/services/global");
    announcements.announce(declared);
    announcements.announce(declared);

    slack.verify(3, postRequestedFor(urlEqualTo("/services/global")));
  }

  @Test
  void aRefusedWebhookIsGivenUpNotRetriedForever() {
    slack.stubFor(
        post("/services/global").willReturn(aResponse().withStatus(404).withBody("no_service")));
    Announcements announcements = announcements(Map.of());
    Announcement declared =
        announcement(
            incident(),
            1,
            Kind.DECLARED,
            Severity.SEV1,
            Stage.TRIGGERED,
            "chat-checkout",
            "SEV1 declared",
            null);

    announcements.announce(declared); // logged as an error, not thrown
    announcements.announce(declared);

    slack.verify(1, postRequestedFor(urlEqualTo("/services/global")));
  }

  @Test
  void anUnreachableSlackIsRetried() {
    ChatSettings settings =
        new ChatSettings(
            "http://127.0.0.1:1/services/secret-path", Map.of(), null, null, Duration.ofSeconds(2));
    Announcements announcements =
        new Announcements(
            List.of(
                new SlackAnnouncer(
                    settings, new WebhookPoster(settings.timeout()), new StakeholderRule(db))),
            directory,
            db);

    assertThatThrownBy(
            () ->
                announcements.announce(
                    announcement(
                        incident(),
                        1,
                        Kind.DECLARED,
                        Severity.SEV1,
                        Stage.TRIGGERED,
                        "chat-checkout",
                        "SEV1 declared",
                        null)))
        .hasMessageContaining("could not reach http://127.0.0.1:1/****")
        .hasMessageNotContaining("secret-path");
  }

  @Test
  void aServiceWithItsOwnWebhookPostsThereOthersToTheGlobalOne() {
    Announcements announcements =
        announcements(
            Map.of(
                "chat-search",
                new ChatSettings.ServiceChat(slack.baseUrl() + "/services/search-team")));

    announcements.announce(
        announcement(
            incident(),
            1,
            Kind.DECLARED,
            Severity.SEV1,
            Stage.TRIGGERED,
            "chat-search",
            "SEV1 declared on chat-search",
            null));
    announcements.announce(
        announcement(
            incident(),
            1,
            Kind.DECLARED,
            Severity.SEV1,
            Stage.TRIGGERED,
            "chat-checkout",
            "SEV1 declared on chat-checkout",
            null));

    slack.verify(
        1,
        postRequestedFor(urlEqualTo("/services/search-team"))
            .withRequestBody(containing("chat-search")));
    slack.verify(
        1,
        postRequestedFor(urlEqualTo("/services/global"))
            .withRequestBody(containing("chat-checkout")));
  }

  @Test
  void quietSeveritiesStayQuietUnlessTheIncidentWasAnnouncedBefore() {
    Announcements announcements = announcements(Map.of());
    long quiet = incident();
    announcements.announce(
        announcement(
            quiet,
            1,
            Kind.DECLARED,
            Severity.SEV3,
            Stage.TRIGGERED,
            "chat-checkout",
            "SEV3 declared",
            null));
    announcements.announce(
        announcement(
            quiet,
            3,
            Kind.RESOLVED,
            Severity.SEV3,
            Stage.CLOSED,
            "chat-checkout",
            "Resolved by bob",
            null));
    slack.verify(0, postRequestedFor(urlEqualTo("/services/global")));

    // a SEV1 downgraded to SEV3: the channel that heard of it hears the downgrade and the end
    long downgraded = incident();
    announcements.announce(
        announcement(
            downgraded,
            1,
            Kind.DECLARED,
            Severity.SEV1,
            Stage.TRIGGERED,
            "chat-checkout",
            "SEV1 declared",
            null));
    announcements.announce(
        announcement(
            downgraded,
            2,
            Kind.SEVERITY_CHANGED,
            Severity.SEV3,
            Stage.TRIGGERED,
            "chat-checkout",
            "Severity SEV1 → SEV3 by alice",
            null));
    announcements.announce(
        announcement(
            downgraded,
            3,
            Kind.RESOLVED,
            Severity.SEV3,
            Stage.CLOSED,
            "chat-checkout",
            "Resolved by alice",
            null));
    List<LoggedRequest> posts = slack.findAll(postRequestedFor(urlEqualTo("/services/global")));
    assertThat(posts)
        .extracting(p -> json(p.getBodyAsString()).path("text").asText())
        .containsExactly(
            ":rotating_light: INC-"
                + downgraded
                + " declared: Checkout returns 500 (SEV1, Checkout)",
            ":arrows_counterclockwise: INC-"
                + downgraded
                + " is now SEV3: Checkout returns 500 (SEV3, Checkout)",
            ":white_check_mark: INC-"
                + downgraded
                + " resolved: Checkout returns 500 (SEV3, Checkout)");
  }

  @Test
  void webhookUrlsAreNeverShown() {
    ChatSettings settings =
        new ChatSettings(
            "https://hooks.slack.com/services/T0/B0/secret1",
            Map.of(
                "x",
                new ChatSettings.ServiceChat("https://hooks.slack.com/services/T0/B1/secret2")),
            "https://example.test/hook?token=secret3",
            "secret4",
            null);
    assertThat(settings.toString())
        .doesNotContain("secret")
        .contains("https://hooks.slack.com/****");
    assertThatThrownBy(
            () ->
                new ChatSettings("hooks.slack.com/services/T0/B0/secret5", null, null, null, null)
                    .validated())
        .hasMessageContaining("FIRELINE_SLACK_WEBHOOK_URL")
        .hasMessageNotContaining("secret5");
  }
}
