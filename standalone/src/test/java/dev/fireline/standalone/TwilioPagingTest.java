package dev.fireline.standalone;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fireline.standalone.FirelineApp.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * SMS and voice pages end to end: the real app (embedded Temporal and PostgreSQL of its own),
 * Twilio's REST API played by WireMock, and Twilio's webhooks played by signed HTTP requests.
 */
@SpringBootTest(
    classes = StandaloneApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TwilioPagingTest {
  private static final String PUBLIC_URL = "https://fireline.example.test";
  private static final String ACCOUNT = "AC00000000000000000000000000000042";
  private static final String TOKEN = "e2e-twilio-auth-token";
  private static final String FROM = "+15005550006";
  private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  private static final WireMockServer twilio =
      new WireMockServer(
          WireMockConfiguration.wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
  private static EmbeddedInfrastructure infrastructure;

  @LocalServerPort int port;
  FirelineApp app;
  private final HttpClient http = HttpClient.newHttpClient();
  private String u;
  private String person;
  private String number;
  private String service;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    synchronized (TwilioPagingTest.class) {
      if (infrastructure == null) {
        infrastructure = EmbeddedInfrastructure.start(TestTemporal.newNamespace());
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close));
      }
    }
    if (!twilio.isRunning()) {
      twilio.start();
    }
    FirelineApp.register(registry, infrastructure);
    registry.add("fireline.public-url", () -> PUBLIC_URL);
    registry.add("fireline.twilio.account-sid", () -> ACCOUNT);
    registry.add("fireline.twilio.auth-token", () -> TOKEN);
    registry.add("fireline.twilio.from-number", () -> FROM);
    registry.add("fireline.twilio.api-base-url", twilio::baseUrl);
  }

  @AfterAll
  static void forgetRequests() {
    twilio.resetAll();
  }

  /** A person of this test's own with an SMS number and rule, a policy paging them, a service. */
  @BeforeEach
  void directory() {
    app = new FirelineApp(port);
    u = UUID.randomUUID().toString().substring(0, 8);
    person = "sms-" + u;
    number = "+1555" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    service = "svc-" + u;
    created(
        app.post(
            "/api/people",
            "{\"id\":\""
                + person
                + "\",\"name\":\"Sam Sms "
                + u
                + "\","
                + "\"timezone\":\"UTC\",\"contacts\":{\"sms\":\""
                + number
                + "\"},"
                + "\"rules\":[{\"channel\":\"sms\",\"after\":\"0m\"}]}"));
    created(
        app.post(
            "/api/escalation-policies",
            "{\"id\":\"policy-"
                + u
                + "\",\"name\":\"P\","
                + "\"levels\":[{\"escalate-after\":\"5m\",\"targets\":[\"person:"
                + person
                + "\"]}]}"));
    created(
        app.post(
            "/api/services",
            "{\"id\":\""
                + service
                + "\",\"name\":\"Checkout "
                + u
                + "\",\"escalation-policy\":\"policy-"
                + u
                + "\",\"runbook\":\""
                + runbook()
                + "\","
                + "\"integration-keys\":[\"key-"
                + u
                + "\"]}"));
    twilio.stubFor(
        post(urlPathEqualTo(MESSAGES))
            .withFormParam("To", equalTo(number))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"sid\":\"SM" + u + "\",\"status\":\"queued\"}")));
  }

  @Test
  void aSev1PagesBySmsAndASignedReplyOf4AcknowledgesIt() {
    String key = declare();
    LoggedRequest sms = awaitSms();
    assertThat(FirelineApp.formFields(sms.getBodyAsString()).get("From")).isEqualTo(FROM);
    // the read model is saved while the first page goes out: the page waits for it, briefly
    assertThat(FirelineApp.formFields(sms.getBodyAsString()).get("Body"))
        .contains(
            key,
            "Reply 4 to acknowledge, 6 to resolve",
            "\nRunbook: " + runbook(),
            "\nCheckout answers 500 to every request");
    JsonNode page = awaitPage(key, "SENT");
    assertThat(page.path("providerId").asString()).isEqualTo("SM" + u);

    FirelineApp.Text reply =
        twilioPost(
            "/api/twilio/sms",
            Map.of(
                "MessageSid",
                "SMin" + u,
                "AccountSid",
                ACCOUNT,
                "From",
                number,
                "To",
                FROM,
                "Body",
                " 4 "),
            true);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/xml");
    assertThat(reply.body())
        .contains(
            "<Response><Message>"
                + key
                + " acknowledged by Sam Sms "
                + u
                + "</Message></Response>");
    Response incident = app.get("/api/incidents/" + key);
    assertThat(incident.field("stage")).isEqualTo("ACKNOWLEDGED");
    assertThat(incident.field("acknowledgedBy")).isEqualTo(person);

    // Twilio's status callback (the URL Fireline gave it) records delivery in the delivery log.
    String callback = FirelineApp.formFields(sms.getBodyAsString()).get("StatusCallback");
    assertThat(callback).startsWith(PUBLIC_URL + "/api/twilio/status?send=");
    FirelineApp.Text status =
        twilioPost(
            callback.substring(PUBLIC_URL.length()),
            Map.of("MessageSid", "SM" + u, "MessageStatus", "delivered", "AccountSid", ACCOUNT),
            true);
    assertThat(status.status()).isEqualTo(204);
    assertThat(awaitPage(key, "DELIVERED").path("detail").asString()).isEqualTo("SMS delivered");

    // A second "ack" names the state instead of failing.
    FirelineApp.Text again =
        twilioPost(
            "/api/twilio/sms", Map.of("From", number, "To", FROM, "Body", "ACK " + key), true);
    assertThat(again.body()).contains(key + " was already acknowledged by Sam Sms " + u);
  }

  /** Alert in, page out: the SMS says where the runbook is and where the alert came from. */
  @Test
  void anAlertsSmsPageCarriesTheRunbookTheAlertsLinkAndItsDescription() {
    Response accepted =
        app.postUnauthenticated(
            "/api/alerts/events/v2",
            "{\"routing_key\":\"key-"
                + u
                + "\",\"event_action\":\"trigger\",\"dedup_key\":\"disk-"
                + u
                + "\",\"payload\":{"
                + "\"summary\":\"Disk full on db-1\",\"source\":\"db-1\",\"severity\":\"critical\","
                + "\"custom_details\":{\"free\":\"1%\",\"description\":\"WAL archiving stopped\"}},"
                + "\"links\":[{\"href\":\"https://grafana.example.com/d/db?var-host=db-1\","
                + "\"text\":\"Dashboard\"}]}");
    assertThat(accepted.status()).as("alert: %s", accepted.body()).isEqualTo(202);

    String body = FirelineApp.formFields(awaitSms().getBodyAsString()).get("Body");

    assertThat(body)
        .startsWith("Fireline [SEV")
        .contains(
            service
                + ": Disk full on db-1. Reply 4 "
                + "to acknowledge, 6 to resolve\nRunbook: "
                + runbook()
                + "\nAlert: https://grafana.example.com/d/db?var-host=db-1\nWAL archiving stopped");
    String key = body.replaceAll("(?s).*?(INC-\\d+).*", "$1");
    assertThat(awaitPage(key, "SENT").path("providerId").asString()).isEqualTo("SM" + u);
  }

  @Test
  void keypad4OnTheVoicePageAcknowledges() {
    String key = declare();
    long number = Long.parseLong(key.substring("INC-".length()));

    FirelineApp.Text said =
        twilioPost(
            "/api/twilio/voice/gather?incidents=" + number + "&person=" + person,
            Map.of(
                "CallSid",
                "CA" + u,
                "AccountSid",
                ACCOUNT,
                "Digits",
                "4",
                "From",
                FROM,
                "To",
                this.number),
            true);

    assertThat(said.status()).isEqualTo(200);
    assertThat(said.body()).contains("<Say>Incident " + number + " acknowledged by Sam Sms " + u);
    Response incident = app.get("/api/incidents/" + key);
    assertThat(incident.field("stage")).isEqualTo("ACKNOWLEDGED");
    assertThat(incident.field("acknowledgedBy")).isEqualTo(person);
  }

  @Test
  void aReplyWithABadSignatureIs403AndChangesNothing() {
    String key = declare();
    awaitPage(key, "SENT");
    Map<String, String> ack = Map.of("From", number, "To", FROM, "Body", "4");

    FirelineApp.Text unsigned = twilioPost("/api/twilio/sms", ack, false);
    FirelineApp.Text forged = send("/api/twilio/sms", ack, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    // signed for the address the request really went to, not the public URL Twilio calls
    FirelineApp.Text wrongUrl =
        send("/api/twilio/sms", ack, sign("http://127.0.0.1:" + port + "/api/twilio/sms", ack));
    // signed, then a parameter changed on the way
    FirelineApp.Text tampered =
        send(
            "/api/twilio/sms",
            Map.of("From", number, "To", FROM, "Body", "6"),
            sign(PUBLIC_URL + "/api/twilio/sms", ack));
    FirelineApp.Text gather =
        send("/api/twilio/voice/gather?incidents=1&person=" + person, Map.of("Digits", "4"), "bad");

    for (FirelineApp.Text refused : List.of(unsigned, forged, wrongUrl, tampered, gather)) {
      assertThat(refused.status()).isEqualTo(403);
    }
    Response incident = app.get("/api/incidents/" + key);
    assertThat(incident.field("stage")).isEqualTo("TRIGGERED");
    assertThat(
            incident.body().path("acknowledgedBy").isNull()
                || incident.body().path("acknowledgedBy").isMissingNode())
        .isTrue();
  }

  @Test
  void unknownNumbersAndUnknownWordsGetAFriendlyAnswer() {
    String key = declare();
    awaitPage(key, "SENT");

    FirelineApp.Text stranger =
        twilioPost(
            "/api/twilio/sms", Map.of("From", "+15550000000", "To", FROM, "Body", "4"), true);
    FirelineApp.Text chatter =
        twilioPost(
            "/api/twilio/sms", Map.of("From", number, "To", FROM, "Body", "on my way"), true);

    assertThat(stranger.body()).contains("<Message>Fireline does not know this number");
    assertThat(chatter.body()).contains("<Message>Reply 4 to acknowledge, 6 to resolve");
    assertThat(app.get("/api/incidents/" + key).field("stage")).isEqualTo("TRIGGERED");

    // "6" resolves the sender's most recent page
    FirelineApp.Text resolved =
        twilioPost("/api/twilio/sms", Map.of("From", number, "To", FROM, "Body", "res"), true);
    assertThat(resolved.body()).contains(key + " resolved by Sam Sms " + u);
    FirelineApp.Text late =
        twilioPost("/api/twilio/sms", Map.of("From", number, "To", FROM, "Body", "4"), true);
    assertThat(late.body()).contains(key + " is already resolved");
  }

  private String runbook() {
    return "https://runbooks.example.com/" + service + "?section=5xx";
  }

  private String declare() {
    Response declared =
        app.post(
            "/api/incidents",
            "{\"title\":\"Checkout returns 500\","
                + "\"service\":\""
                + service
                + "\",\"severity\":\"SEV1\","
                + "\"description\":\"Checkout answers 500 to every request\"}");
    assertThat(declared.status()).as("declare: %s", declared.body()).isEqualTo(201);
    return declared.field("key");
  }

  private LoggedRequest awaitSms() {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                twilio.findAll(
                    postRequestedFor(urlPathEqualTo(MESSAGES))
                        .withRequestBody(
                            com.github.tomakehurst.wiremock.client.WireMock.containing(
                                "To=" + URLEncoder.encode(number, StandardCharsets.UTF_8)))),
            list -> !list.isEmpty())
        .get(0);
  }

  private JsonNode awaitPage(String key, String status) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              for (JsonNode row : app.get("/api/notifications?incident=" + key).body()) {
                if (row.path("channel").asString().equals("sms")
                    && row.path("kind").asString().equals("PAGE")
                    && row.path("status").asString().equals(status)) {
                  return row;
                }
              }
              return null;
            },
            java.util.Objects::nonNull);
  }

  /** A webhook request as Twilio sends it: form-encoded, signed for the public URL. */
  private FirelineApp.Text twilioPost(
      String pathAndQuery, Map<String, String> params, boolean signed) {
    return send(pathAndQuery, params, signed ? sign(PUBLIC_URL + pathAndQuery, params) : null);
  }

  private FirelineApp.Text send(String pathAndQuery, Map<String, String> params, String signature) {
    String body =
        params.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      request.header("X-Twilio-Signature", signature);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new FirelineApp.Text(response.statusCode(), response.body(), response.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Twilio's signature: HMAC-SHA1 (auth token) of the URL + sorted name/value pairs, base64. */
  private static String sign(String url, Map<String, String> params) {
    StringBuilder data = new StringBuilder(url);
    params.keySet().stream().sorted().forEach(k -> data.append(k).append(params.get(k)));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return java.util.Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void created(Response response) {
    assertThat(response.status()).as("%s", response.body()).isEqualTo(201);
  }
}
