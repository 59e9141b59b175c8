package dev.fireline.notify.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.fireline.notify.twilio.TwilioStandIn.ACCOUNT;
import static dev.fireline.notify.twilio.TwilioStandIn.FROM;
import static dev.fireline.notify.twilio.TwilioStandIn.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fireline.directory.Contacts;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.Person;
import dev.fireline.notify.DeliveryLog;
import dev.fireline.notify.DeliveryResult;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationKind;
import dev.fireline.notify.Notifier;
import dev.fireline.notify.PageFacts;
import dev.fireline.notify.PermanentDeliveryFailure;
import dev.fireline.support.Postgres;
import io.temporal.failure.ApplicationFailure;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Twilio channels against WireMock playing Twilio's REST API, through the real Notifier and
 * delivery log on PostgreSQL.
 */
class TwilioChannelTest {
  private static final String PUBLIC_URL = "https://fireline.example.test";
  private static WireMockServer twilio;

  private final DataSource dataSource = Postgres.migrated();
  private final DeliveryLog log = new DeliveryLog(dataSource);
  private final DirectoryStore directory = new DirectoryStore(dataSource);
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
  private final Clock clock = new SuppliedClock(now::get);
  private TwilioSends sends;
  private Notifier notifier;
  private TwilioChannel sms;
  private String person;
  private String number;

  @BeforeAll
  static void startTwilio() {
    twilio = TwilioStandIn.start();
  }

  @AfterAll
  static void stopTwilio() {
    twilio.stop();
  }

  private static TwilioSettings settings() {
    return new TwilioSettings(
        ACCOUNT,
        TOKEN,
        FROM,
        twilio.baseUrl(),
        PUBLIC_URL,
        Duration.ofMinutes(1),
        Duration.ofMillis(700),
        Duration.ofSeconds(20));
  }

  @BeforeEach
  void setUp() {
    twilio.resetAll();
    TwilioSettings settings = settings();
    TwilioApi api = new TwilioApi(settings, clock);
    sends = new TwilioSends(dataSource, clock);
    Contacts contacts = new Contacts(directory);
    sms = new TwilioChannel(TwilioChannel.Medium.SMS, settings, api, sends, contacts, clock);
    TwilioChannel voice =
        new TwilioChannel(TwilioChannel.Medium.VOICE, settings, api, sends, contacts, clock);
    notifier = new Notifier(log, List.of(sms, voice), java.util.Optional.empty());
    person = "pager-" + ThreadLocalRandom.current().nextInt(1_000_000);
    number = "+1555" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    directory.put(
        DirectoryStore.Kind.PERSON,
        person,
        new Person(
            person,
            "Pat Pager",
            List.of(
                new Person.ContactMethod(Person.Channel.SMS, number),
                new Person.ContactMethod(Person.Channel.VOICE, number)),
            List.of(new Person.NotificationRule(Person.Channel.SMS, Duration.ZERO)),
            "UTC",
            null),
        DirectoryStore.API);
  }

  @Test
  void anSmsPageIsOneMessagesPostWithToFromBodyAndStatusCallback() {
    twilio.stubFor(TwilioStandIn.postMessages().willReturn(TwilioStandIn.messageCreated("SM100")));
    Notification page = page(incident(), "sms");

    DeliveryResult result = notifier.send(page);

    assertThat(result.status()).isEqualTo(DeliveryResult.Status.SENT);
    assertThat(result.providerId()).isEqualTo("SM100");
    List<LoggedRequest> posts =
        twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioStandIn.messagesPath())));
    assertThat(posts).hasSize(1);
    LoggedRequest post = posts.get(0);
    assertThat(form(post, "To")).isEqualTo(number);
    assertThat(form(post, "From")).isEqualTo(FROM);
    String body = form(post, "Body");
    assertThat(body)
        .contains(
            "INC-" + page.incidentNumber(), "checkout", "Reply 4 to acknowledge, 6 to resolve")
        .hasSizeLessThanOrEqualTo(160);
    long sendId = sends.covering("sms", page.idempotencyKey()).orElseThrow().id();
    assertThat(form(post, "StatusCallback"))
        .isEqualTo(PUBLIC_URL + "/api/twilio/status?send=" + sendId);
    assertThat(post.getHeader("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((ACCOUNT + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
    assertThat(log.find(page.idempotencyKey()))
        .get()
        .satisfies(e -> assertThat(e.providerId()).isEqualTo("SM100"))
        .satisfies(e -> assertThat(e.status()).isEqualTo(DeliveryResult.Status.SENT));

    // The activity retried after it finished: answered from the log, nothing sent again.
    assertThat(notifier.send(page).providerId()).isEqualTo("SM100");
    twilio.verify(1, postRequestedFor(urlPathEqualTo(TwilioStandIn.messagesPath())));
  }

  @Test
  void aVoicePageIsACallWithTwimlThatGathersADigitTwice() {
    twilio.stubFor(TwilioStandIn.postCalls().willReturn(TwilioStandIn.callCreated("CA200")));
    Notification page = page(incident(), "voice");

    DeliveryResult result = notifier.send(page);

    assertThat(result.providerId()).isEqualTo("CA200");
    LoggedRequest post =
        twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioStandIn.callsPath()))).get(0);
    assertThat(form(post, "To")).isEqualTo(number);
    assertThat(form(post, "From")).isEqualTo(FROM);
    assertThat(form(post, "Url")).isNull();
    String twiml = form(post, "Twiml");
    String gather =
        "action=\""
            + PUBLIC_URL
            + "/api/twilio/voice/gather?incidents="
            + page.incidentNumber()
            + "&amp;person="
            + person
            + "\"";
    assertThat(twiml)
        .startsWith("<?xml")
        .contains(
            "<Response>",
            "numDigits=\"1\"",
            gather,
            "Press 4 to acknowledge, 6 to resolve, 5 to escalate now",
            "Incident " + page.incidentNumber());
    assertThat(twiml.split("<Gather", -1)).hasSize(3); // asked, and asked once more
    long sendId = sends.covering("voice", page.idempotencyKey()).orElseThrow().id();
    assertThat(form(post, "StatusCallback"))
        .isEqualTo(PUBLIC_URL + "/api/twilio/status?send=" + sendId);
    assertThat(post.getBodyAsString()).contains("StatusCallbackEvent=completed");
  }

  @Test
  void aPageSaysTheRunbookAndAlertBySmsAndTheDescriptionButNoLinkByVoice() {
    twilio.stubFor(
        TwilioStandIn.postMessages().willReturn(TwilioStandIn.messageCreated("SMFACTS1")));
    twilio.stubFor(TwilioStandIn.postCalls().willReturn(TwilioStandIn.callCreated("CAFACTS1")));
    PageFacts facts =
        new PageFacts(
            "Error rate above 5% on checkout. Dashboard: "
                + "https://grafana.example.com/d/checkout",
            "https://runbooks.example.com/checkout",
            "http://prometheus.example.com:9090/graph?g0.expr=up");
    Notifier withFacts =
        new Notifier(
            log,
            List.of(
                sms,
                new TwilioChannel(
                    TwilioChannel.Medium.VOICE,
                    settings(),
                    new TwilioApi(settings(), clock),
                    sends,
                    new Contacts(directory),
                    clock)),
            java.util.Optional.empty(),
            n -> facts);
    long incident = incident();

    withFacts.send(page(incident, "sms"));
    withFacts.send(page(incident, "voice"));

    String body =
        form(
            twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioStandIn.messagesPath()))).get(0),
            "Body");
    assertThat(body)
        .isEqualTo(
            "Fireline [SEV1] INC-"
                + incident
                + " checkout: Checkout returns "
                + "500. Reply 4 to acknowledge, 6 to resolve\nRunbook: https://runbooks.example.com/checkout"
                + "\nAlert: http://prometheus.example.com:9090/graph?g0.expr=up\nError rate above 5% on "
                + "checkout. Dashboard: https://grafana.example.com/d/checkout");
    String twiml =
        form(
            twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioStandIn.callsPath()))).get(0),
            "Twiml");
    assertThat(twiml)
        .contains("Checkout returns 500. Error rate above 5% on checkout. Press 4")
        .doesNotContain("runbooks.example.com", "prometheus.example.com", "grafana.example.com");
  }

  @Test
  void a503IsRetryableAndTheSdkDoesNotPostASecondTime() {
    twilio.stubFor(
        TwilioStandIn.postMessages()
            .willReturn(TwilioStandIn.error(503, 20503, "Service Unavailable")));
    Notification page = page(incident(), "sms");

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> notifier.send(page));

    assertThat(failure.getType()).isEqualTo(TwilioChannel.UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("503", "20503");
    twilio.verify(1, postRequestedFor(urlPathEqualTo(TwilioStandIn.messagesPath())));
    assertThat(log.find(page.idempotencyKey()))
        .get()
        .satisfies(e -> assertThat(e.finished()).isFalse())
        .satisfies(e -> assertThat(e.detail()).contains("503"));

    // Temporal's retry: Twilio is back. The refused attempt does not use up the number's minute.
    twilio.stubFor(TwilioStandIn.postMessages().willReturn(TwilioStandIn.messageCreated("SM503")));
    assertThat(notifier.send(page).providerId()).isEqualTo("SM503");
    twilio.verify(2, postRequestedFor(urlPathEqualTo(TwilioStandIn.messagesPath())));
  }

  @Test
  void a429CarriesItsRetryAfterAsTheNextRetryDelay() {
    twilio.stubFor(
        TwilioStandIn.postMessages()
            .willReturn(
                TwilioStandIn.error(429, 20429, "Too Many Requests")
                    .withHeader("Retry-After", "7")));

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class, () -> notifier.send(page(incident(), "sms")));

    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
    assertThat(failure.isNonRetryable()).isFalse();
    twilio.verify(1, postRequestedFor(urlPathEqualTo(TwilioStandIn.messagesPath())));
  }

  @Test
  void anInvalidNumberIsAPermanentFailureWithTwiliosCode() {
    twilio.stubFor(
        TwilioStandIn.postMessages()
            .willReturn(
                TwilioStandIn.error(
                    400, 21211, "The 'To' number " + number + " is not a valid phone number.")));
    Notification page = page(incident(), "sms");

    assertThatThrownBy(() -> sms.deliver(page))
        .isInstanceOf(PermanentDeliveryFailure.class)
        .hasMessageContaining("21211")
        .hasMessageContaining("is not a valid phone number");

    // Through the Notifier: recorded as failed, so the workflow falls back to e-mail.
    Notification another = page(incident(), "sms");
    DeliveryResult result = notifier.send(another);
    assertThat(result.status()).isEqualTo(DeliveryResult.Status.FAILED);
    assertThat(result.detail()).contains("error 21211");
  }

  @Test
  void pagesWithinTheMinuteWaitAndGoOutAsOneSms() {
    twilio.stubFor(TwilioStandIn.postMessages().willReturn(TwilioStandIn.messageCreated("SM1")));
    Notification first = page(incident(), "sms");
    Notification second = page(incident(), "sms");
    Notification third = page(incident(), "sms");
    assertThat(notifier.send(first).providerId()).isEqualTo("SM1");

    advance(Duration.ofSeconds(20));
    ApplicationFailure waitSecond =
        catchThrowableOfType(ApplicationFailure.class, () -> notifier.send(second));
    advance(Duration.ofSeconds(10));
    ApplicationFailure waitThird =
        catchThrowableOfType(ApplicationFailure.class, () -> notifier.send(third));

    assertThat(waitSecond.getType()).isEqualTo(TwilioChannel.PER_NUMBER_LIMIT);
    assertThat(waitSecond.getNextRetryDelay())
        .isBetween(Duration.ofSeconds(40), Duration.ofSeconds(41));
    assertThat(waitThird.getNextRetryDelay())
        .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(31));
    twilio.verify(1, postRequestedFor(urlPathEqualTo(TwilioStandIn.messagesPath())));

    // The minute is over: the first retry sends ONE SMS for both waiting pages...
    advance(Duration.ofSeconds(31));
    twilio.stubFor(TwilioStandIn.postMessages().willReturn(TwilioStandIn.messageCreated("SM2")));
    DeliveryResult second2 = notifier.send(third);
    // ...and the other's retry finds it done, with the same SID.
    DeliveryResult third2 = notifier.send(second);

    assertThat(second2.providerId()).isEqualTo("SM2");
    assertThat(third2.providerId()).isEqualTo("SM2");
    assertThat(third2.status()).isEqualTo(DeliveryResult.Status.SENT);
    List<LoggedRequest> posts =
        twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioStandIn.messagesPath())));
    assertThat(posts).hasSize(2);
    assertThat(form(posts.get(1), "Body"))
        .contains("2 pages", "INC-" + second.incidentNumber(), "INC-" + third.incidentNumber());
    assertThat(log.find(second.idempotencyKey()).orElseThrow().detail())
        .contains("one SMS for 2 notifications");
  }

  @Test
  void aLostAnswerIsLookedUpAtTwilioAndNotSentTwice() {
    // Twilio takes the message but its answer comes after our read timeout (700 ms).
    twilio.stubFor(
        TwilioStandIn.postMessages()
            .willReturn(TwilioStandIn.messageCreated("SMLOST").withFixedDelay(1_500)));
    Notification page = page(incident(), "sms");

    ApplicationFailure noAnswer =
        catchThrowableOfType(ApplicationFailure.class, () -> notifier.send(page));
    assertThat(noAnswer.getType()).isEqualTo(TwilioChannel.OUTCOME_UNKNOWN);
    TwilioSends.Send intent = sends.covering("sms", page.idempotencyKey()).orElseThrow();
    assertThat(intent.state()).isEqualTo(TwilioSends.State.PENDING);

    // A retry soon after waits: the message may still be being created.
    ApplicationFailure tooSoon =
        catchThrowableOfType(ApplicationFailure.class, () -> notifier.send(page));
    assertThat(tooSoon.getType()).isEqualTo(TwilioChannel.OUTCOME_UNKNOWN);
    assertThat(tooSoon.getNextRetryDelay()).isPositive();

    // Later, Twilio's message list has it: adopted, not sent again.
    advance(Duration.ofSeconds(25));
    twilio.stubFor(
        get(urlPathEqualTo(TwilioStandIn.messagesPath()))
            .withQueryParam("To", equalTo(number))
            .withQueryParam("From", equalTo(FROM))
            .willReturn(
                TwilioStandIn.messageList(
                    "SMLOST", number, intent.content(), ZonedDateTime.now(ZoneOffset.UTC))));
    DeliveryResult retried = notifier.send(page);

    assertThat(retried.providerId()).isEqualTo("SMLOST");
    assertThat(retried.detail()).contains("found at Twilio");
    twilio.verify(1, postRequestedFor(urlPathEqualTo(TwilioStandIn.messagesPath())));
    twilio.verify(1, getRequestedFor(urlPathEqualTo(TwilioStandIn.messagesPath())));
  }

  @Test
  void aLostRequestThatNeverReachedTwilioIsSentAgain() {
    twilio.stubFor(
        TwilioStandIn.postMessages()
            .willReturn(TwilioStandIn.messageCreated("SMSLOW").withFixedDelay(1_500)));
    Notification page = page(incident(), "sms");
    catchThrowableOfType(ApplicationFailure.class, () -> notifier.send(page));

    advance(Duration.ofSeconds(25));
    twilio.stubFor(
        get(urlPathEqualTo(TwilioStandIn.messagesPath()))
            .willReturn(TwilioStandIn.emptyMessageList()));
    twilio.stubFor(TwilioStandIn.postMessages().willReturn(TwilioStandIn.messageCreated("SMNEW")));

    assertThat(notifier.send(page).providerId()).isEqualTo("SMNEW");
    twilio.verify(2, postRequestedFor(urlPathEqualTo(TwilioStandIn.messagesPath())));
  }

  @Test
  void statusCallbacksUpdateTheDeliveryLogAndAMissedCallShows() {
    twilio.stubFor(TwilioStandIn.postCalls().willReturn(TwilioStandIn.callCreated("CA300")));
    Notification page = page(incident(), "voice");
    notifier.send(page);
    long sendId = sends.covering("voice", page.idempotencyKey()).orElseThrow().id();

    assertThat(sends.statusCallback(sendId, "CA300", "initiated", null)).isTrue();
    assertThat(log.find(page.idempotencyKey()).orElseThrow().status())
        .isEqualTo(DeliveryResult.Status.SENT);
    sends.statusCallback(sendId, "CA300", "no-answer", null);
    DeliveryLog.Entry entry = log.find(page.idempotencyKey()).orElseThrow();
    assertThat(entry.status()).isEqualTo(DeliveryResult.Status.FAILED);
    assertThat(entry.detail()).isEqualTo("call ended: no-answer");
    // a late, earlier status does not undo a final one
    sends.statusCallback(sendId, "CA300", "ringing", null);
    assertThat(log.find(page.idempotencyKey()).orElseThrow().detail())
        .isEqualTo("call ended: no-answer");
    assertThat(sends.statusCallback(null, "CA-not-ours", "completed", null)).isFalse();
  }

  @Test
  void aStatusCallbackRecordsTheSidOfASendWhoseAttemptDied() {
    Notification page = page(incident(), "sms");
    log.begin(page);
    // The attempt wrote its intent, Twilio took the message, then the worker died.
    TwilioSends.Claim claim =
        sends.claim(
            "sms", number, page, Duration.ofMinutes(1), p -> false, items -> "Fireline test");
    long sendId = ((TwilioSends.Claim.Claimed) claim).send().id();

    sends.statusCallback(sendId, "SMDIED", "sent", null);

    DeliveryLog.Entry entry = log.find(page.idempotencyKey()).orElseThrow();
    assertThat(entry.status()).isEqualTo(DeliveryResult.Status.SENT);
    assertThat(entry.providerId()).isEqualTo("SMDIED");
    // the activity's retry answers from the log: nothing is posted
    assertThat(notifier.send(page).providerId()).isEqualTo("SMDIED");
    twilio.verify(0, postRequestedFor(urlPathEqualTo(TwilioStandIn.messagesPath())));
  }

  @Test
  void aPersonWithoutAPhoneNumberIsAPermanentFailure() {
    directory.put(
        DirectoryStore.Kind.PERSON,
        person,
        new Person(
            person,
            "Pat Pager",
            List.of(new Person.ContactMethod(Person.Channel.EMAIL, "pat@example.com")),
            List.of(),
            "UTC",
            null),
        DirectoryStore.API);
    assertThatThrownBy(() -> sms.deliver(page(incident(), "sms")))
        .isInstanceOf(PermanentDeliveryFailure.class)
        .hasMessageContaining("no phone number");
  }

  private static final AtomicLong INCIDENTS =
      new AtomicLong(800_000 + ThreadLocalRandom.current().nextInt(100_000) * 10L);

  private static long incident() {
    return INCIDENTS.incrementAndGet();
  }

  private Notification page(long incident, String channel) {
    String subject = "[SEV1] INC-" + incident + " checkout: Checkout returns 500";
    return new Notification(
        "INC-" + incident + "/page/p1/l1/" + person + "/" + channel + "+0m",
        incident,
        NotificationKind.PAGE,
        person,
        "Pat Pager",
        channel,
        subject,
        subject + "\nYou are paged.");
  }

  private static String form(LoggedRequest request, String name) {
    for (String pair : request.getBodyAsString().split("&")) {
      int eq = pair.indexOf('=');
      if (URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private void advance(Duration by) {
    now.updateAndGet(at -> at.plus(by));
  }
}
