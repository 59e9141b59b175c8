package dev.fireline.communicate.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static dev.fireline.communicate.slack.SlackStandIn.calls;
import static dev.fireline.communicate.slack.SlackStandIn.form;
import static dev.fireline.communicate.slack.SlackStandIn.json;
import static dev.fireline.communicate.slack.SlackStandIn.method;
import static dev.fireline.communicate.slack.SlackStandIn.ok;
import static dev.fireline.communicate.slack.SlackStandIn.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.fireline.directory.Contacts;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.Person;
import dev.fireline.notify.DeliveryLog;
import dev.fireline.notify.DeliveryResult;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationKind;
import dev.fireline.notify.Notifier;
import dev.fireline.notify.PageFacts;
import dev.fireline.notify.ProviderVerification;
import dev.fireline.support.Postgres;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The "chat" channel as Slack direct messages, through the real Notifier and delivery log on
 * PostgreSQL, against WireMock playing Slack's Web API; and the bot token's check at start.
 */
class SlackDirectMessagesTest {
  private static WireMockServer slack;

  private final DataSource db = Postgres.migrated();
  private final DirectoryStore directory = new DirectoryStore(db);
  private Notifier notifier;
  private long n;
  private String person;
  private String member;
  private String dm;

  @BeforeAll
  static void startSlack() {
    slack = SlackStandIn.start();
  }

  @AfterAll
  static void stopSlack() {
    slack.stop();
  }

  @BeforeEach
  void setUp() {
    slack.resetAll();
    n = SlackStandIn.incident();
    person = "pat-" + n;
    member = "UP" + n;
    dm = SlackStandIn.id("D");
    directory.put(
        DirectoryStore.Kind.PERSON,
        person,
        new Person(
            person,
            "Pat Pager",
            List.of(new Person.ContactMethod(Person.Channel.CHAT, member)),
            List.of(new Person.NotificationRule(Person.Channel.CHAT, java.time.Duration.ZERO)),
            "UTC",
            null),
        DirectoryStore.API);
    SlackSettings settings = SlackStandIn.settings(slack, Map.of(), true);
    notifier =
        new Notifier(
            new DeliveryLog(db),
            List.of(SlackDirectMessages.create(settings, db, new Contacts(directory))),
            Optional.empty());
    slack.stubFor(
        method("conversations.open").willReturn(ok("\"channel\":{\"id\":\"" + dm + "\"}")));
    slack.stubFor(
        method("chat.postMessage")
            .willReturn(ok("\"channel\":\"" + dm + "\",\"ts\":\"1772445600.000900\"")));
    slack.stubFor(method("users.lookupByEmail").willReturn(refused("users_not_found")));
    slack.stubFor(
        method("conversations.history").willReturn(ok("\"messages\":[],\"has_more\":false")));
  }

  @Test
  void aPageIsADirectMessageWithButtonsDeliveredWithItsTs() {
    DeliveryResult result = notifier.send(page(person));

    assertThat(result.status()).isEqualTo(DeliveryResult.Status.DELIVERED);
    assertThat(result.providerId()).isEqualTo("1772445600.000900");
    assertThat(form(calls(slack, "conversations.open").get(0))).containsEntry("users", member);
    Map<String, String> post = form(calls(slack, "chat.postMessage").get(0));
    assertThat(post)
        .containsEntry("channel", dm)
        .containsEntry("text", "[INC-" + n + "] SEV1 checkout: Checkout returns 500");
    assertThat(SlackWarRoomTest.texts(json(post.get("blocks"))))
        .contains("*[INC-" + n + "] SEV1 checkout: Checkout returns 500*", "Reply in Slack");
    assertThat(SlackWarRoomTest.buttons(json(post.get("blocks"))))
        .containsExactly(
            SlackActions.ACKNOWLEDGE + "=INC-" + n,
            SlackActions.ESCALATE + "=INC-" + n,
            SlackActions.RESOLVE + "=INC-" + n);
    assertThat(SlackStandIn.messageKey(calls(slack, "chat.postMessage").get(0)))
        .isEqualTo(page(person).idempotencyKey());
  }

  @Test
  void aPagesMessageCarriesItsDescriptionAndTheRunbookAndAlertAsLinks() {
    SlackDirectMessages chat =
        SlackDirectMessages.create(
            SlackStandIn.settings(slack, Map.of(), true), db, new Contacts(directory));

    chat.deliver(
        page(person),
        new PageFacts(
            "Error rate > 5% on <checkout-api> & cart",
            "https://runbooks.example.com/checkout?a=1|2",
            "http://prometheus.example.com:9090/graph?g0.expr=up&g0.tab=1"));

    Map<String, String> post = form(calls(slack, "chat.postMessage").get(0));
    var blocks = json(post.get("blocks"));
    assertThat(SlackWarRoomTest.texts(blocks))
        .contains(
            "Error rate &gt; 5% on &lt;checkout-api&gt; &amp; cart",
            "<https://runbooks.example.com/checkout?a=1%7C2|Runbook>",
            "<http://prometheus.example.com:9090/graph?g0.expr=up&g0.tab=1|Alert>");
    assertThat(blocks.findValues("type"))
        .extracting(t -> t.asText())
        .containsSubsequence("section", "section", "context", "actions");
    assertThat(SlackWarRoomTest.buttons(blocks)).hasSize(3);
  }

  @Test
  void someoneSlackDoesNotKnowFailsForGoodNamingWhatToSet() {
    String stranger = "sam-" + n;
    directory.put(
        DirectoryStore.Kind.PERSON,
        stranger,
        new Person(
            stranger,
            "Sam Stranger",
            List.of(
                new Person.ContactMethod(Person.Channel.EMAIL, "sam@elsewhere.test"),
                new Person.ContactMethod(Person.Channel.CHAT, "@sam")),
            List.of(),
            "UTC",
            null),
        DirectoryStore.API);

    DeliveryResult result = notifier.send(page(stranger));

    assertThat(result.status()).isEqualTo(DeliveryResult.Status.FAILED);
    assertThat(result.detail())
        .contains(
            "Sam Stranger has no Slack member",
            "chat contact with their Slack member id (U…)",
            "e-mail address Slack knows");
    assertThat(calls(slack, "chat.postMessage")).isEmpty();
  }

  @Test
  void aRetryAfterALostAnswerFindsTheMessageInsteadOfSendingItAgain() {
    Notification page = page(person);
    slack.stubFor(
        method("chat.postMessage")
            .inScenario("lost")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
            .willSetStateTo("lost"));
    slack.stubFor(
        method("conversations.history")
            .withRequestBody(containing("channel=" + dm))
            .willReturn(
                ok(
                    "\"messages\":[{\"type\":\"message\",\"ts\":\"1772445600.000777\","
                        + "\"metadata\":{\"event_type\":\""
                        + SlackActions.METADATA_EVENT_TYPE
                        + "\","
                        + "\"event_payload\":{\"key\":\""
                        + page.idempotencyKey()
                        + "\"}}}],"
                        + "\"has_more\":false")));

    ApplicationFailure lost =
        catchThrowableOfType(ApplicationFailure.class, () -> notifier.send(page));
    assertThat(lost.isNonRetryable()).isFalse();
    DeliveryResult retried = notifier.send(page);

    assertThat(retried.status()).isEqualTo(DeliveryResult.Status.DELIVERED);
    assertThat(retried.providerId()).isEqualTo("1772445600.000777");
    assertThat(calls(slack, "chat.postMessage")).hasSize(1);
    assertThat(notifier.send(page).providerId())
        .as("answered from the delivery log")
        .isEqualTo("1772445600.000777");
    assertThat(calls(slack, "chat.postMessage")).hasSize(1);
  }

  @Test
  void aRejectedBotTokenIsReportedNamingTheSetting() {
    slack.stubFor(method("auth.test").willReturn(refused("invalid_auth")));
    ProviderVerification verification = new ProviderVerification();

    ProviderVerification.Result result =
        verification.slack(SlackApi.methods(SlackStandIn.settings(slack, Map.of(), true)));

    assertThat(result.outcome()).isEqualTo(ProviderVerification.Outcome.REJECTED);
    assertThat(result.detail())
        .contains("invalid_auth", "FIRELINE_SLACK_BOT_TOKEN")
        .doesNotContain(SlackStandIn.TOKEN);
    assertThat(verification.rejected())
        .extracting(ProviderVerification.Result::provider)
        .containsExactly("slack");
    assertThat(calls(slack, "auth.test").get(0).getHeader("Authorization"))
        .isEqualTo("Bearer " + SlackStandIn.TOKEN);
  }

  @Test
  void anAcceptedBotTokenIsVerified() {
    slack.stubFor(
        method("auth.test")
            .willReturn(
                ok(
                    "\"url\":\"https://acme.slack.com/\","
                        + "\"team\":\"Acme\",\"user\":\"fireline\",\"team_id\":\"T1\",\"user_id\":\"U0BOT\"")));

    ProviderVerification.Result result =
        new ProviderVerification()
            .slack(SlackApi.methods(SlackStandIn.settings(slack, Map.of(), true)));

    assertThat(result.outcome()).isEqualTo(ProviderVerification.Outcome.VERIFIED);
    assertThat(result.detail()).isEqualTo("bot fireline in Acme");
  }

  private Notification page(String to) {
    return new Notification(
        "INC-" + n + "/level-1/" + to + "/chat",
        n,
        NotificationKind.PAGE,
        to,
        to.startsWith("pat") ? "Pat Pager" : "Sam Stranger",
        "chat",
        "[INC-" + n + "] SEV1 checkout: Checkout returns 500",
        "Checkout returns 500. Reply in Slack with the buttons below.");
  }
}
