package dev.fireline.standalone;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.fireline.standalone.FirelineApp.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every channel configured with real-looking secrets, one incident's whole life (declared by an
 * alert, paged by SMS through a Twilio stand-in and by e-mail through an SMTP server that wants a
 * login, acknowledged by a signed SMS reply, a public status update posted to Slack, a signed
 * webhook, the built-in page and a Statuspage stand-in, resolved), a heartbeat, a calendar feed and
 * Slack's requests (signed, forged, a click that makes Fireline call Slack with its bot token):
 * none of the secrets may appear in anything the process printed or logged from start-up on (our
 * code at DEBUG), in the answers of the listing and public endpoints, or in the database.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
    classes = StandaloneApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LogSecretsTest {
  private static final String PUBLIC_URL = "https://fireline.example.test";
  private static final String TWILIO_SID = "AC5f1e0c9b8a7d6e5f4a3b2c1d0e9f8a7b";
  private static final String TWILIO_TOKEN = "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f";
  private static final String FROM = "+15005550006";
  private static final String SMTP_USER = "fireline-mailer";
  private static final String SMTP_PASSWORD = "smtp-Pa55word-7f3e9c1d";
  private static final String LINK_SECRET = "link-secret-3b6f0d2a9c8e7f1a5b4c";
  private static final String SLACK_TOKEN = "x7Yq2ZsecretSlackTokenQ9";
  private static final String SLACK_PATH = "/services/T0LOGTEST/B0LOGTEST/" + SLACK_TOKEN;
  private static final String WEBHOOK_URL_TOKEN = "wh-url-token-5d1c9e0b7a";
  private static final String WEBHOOK_SECRET = "wh-hmac-secret-8a2f4c6e1d";
  private static final String STATUSPAGE_KEY = "sp-api-key-2e7d9b1f6c4a0e8d";
  private static final String STATUSPAGE_PAGE = "pg0logtest";
  private static final String INTEGRATION_KEY = "int-key-4f0c2b9e7d1a6c3e5b8d";
  private static final String SLACK_SIGNING_SECRET = "slack-signing-secret-6e2b9d0c4a7f";
  private static final String SLACK_BOT_TOKEN = "xoxb-logtest-1a2b3c4d5e6f7a8b9c0d";

  private static final WireMockServer standIn =
      new WireMockServer(
          WireMockConfiguration.wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
  private static GreenMail smtp;
  private static EmbeddedInfrastructure infrastructure;

  @LocalServerPort int port;
  @Autowired DataSource dataSource;

  @DynamicPropertySource
  static synchronized void properties(DynamicPropertyRegistry registry) {
    if (infrastructure == null) {
      infrastructure = EmbeddedInfrastructure.start(TestTemporal.newNamespace());
      Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close));
      standIn.start();
      smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      smtp.setUser("fireline@example.test", SMTP_USER, SMTP_PASSWORD);
      smtp.start();
      stubStandIns();
    }
    FirelineApp.register(registry, infrastructure);
    registry.add("logging.level.dev.fireline", () -> "DEBUG");
    registry.add("fireline.public-url", () -> PUBLIC_URL);
    registry.add("fireline.twilio.account-sid", () -> TWILIO_SID);
    registry.add("fireline.twilio.auth-token", () -> TWILIO_TOKEN);
    registry.add("fireline.twilio.from-number", () -> FROM);
    registry.add("fireline.twilio.api-base-url", standIn::baseUrl);
    registry.add("fireline.email.smtp.host", () -> "127.0.0.1");
    registry.add("fireline.email.smtp.port", () -> smtp.getSmtp().getPort());
    registry.add("fireline.email.smtp.starttls", () -> "false");
    registry.add("fireline.email.smtp.username", () -> SMTP_USER);
    registry.add("fireline.email.smtp.password", () -> SMTP_PASSWORD);
    registry.add("fireline.email.from", () -> "Fireline <fireline@example.test>");
    registry.add("fireline.email.link-secret", () -> LINK_SECRET);
    registry.add("fireline.chat.slack-webhook-url", () -> standIn.baseUrl() + SLACK_PATH);
    registry.add(
        "fireline.chat.webhook-url",
        () -> standIn.baseUrl() + "/hooks/fireline?token=" + WEBHOOK_URL_TOKEN);
    registry.add("fireline.chat.webhook-secret", () -> WEBHOOK_SECRET);
    registry.add("fireline.statuspage.api-key", () -> STATUSPAGE_KEY);
    registry.add("fireline.statuspage.page-id", () -> STATUSPAGE_PAGE);
    registry.add("fireline.statuspage.base-url", standIn::baseUrl);
    registry.add("fireline.statuspage.component-ids", () -> "Leaky=cmp0logtest");
    registry.add("fireline.slack.signing-secret", () -> SLACK_SIGNING_SECRET);
    registry.add("fireline.slack.bot-token", () -> SLACK_BOT_TOKEN);
    registry.add("fireline.slack.api-url", () -> standIn.baseUrl() + "/slack-api/");
  }

  private static void stubStandIns() {
    // anything unexpected is still "matched": WireMock prints unmatched requests, headers and all
    standIn.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404)));
    standIn.stubFor(
        post(urlPathMatching("/2010-04-01/Accounts/.*/Messages.json"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"sid\":\"SMlogtest\",\"status\":\"queued\"}")));
    standIn.stubFor(post(urlPathEqualTo(SLACK_PATH)).willReturn(aResponse().withBody("ok")));
    standIn.stubFor(post(urlPathEqualTo("/hooks/fireline")).willReturn(aResponse().withBody("")));
    String incidents = "/v1/pages/" + STATUSPAGE_PAGE + "/incidents";
    standIn.stubFor(
        post(urlPathEqualTo(incidents))
            .willReturn(okJson("{\"id\":\"sp1\",\"status\":\"investigating\"}").withStatus(201)));
    standIn.stubFor(
        patch(urlPathEqualTo(incidents + "/sp1")).willReturn(okJson("{\"id\":\"sp1\"}")));
    standIn.stubFor(get(urlPathEqualTo(incidents + "/unresolved")).willReturn(okJson("[]")));
  }

  @AfterAll
  static void stopStandIns() {
    standIn.stop();
    smtp.stop();
  }

  @Test
  void noConfiguredSecretAppearsInTheLogTheAnswersOrTheDatabase(CapturedOutput output)
      throws Exception {
    FirelineApp app = new FirelineApp(port);
    String u = UUID.randomUUID().toString().substring(0, 8);
    String number = "+1555" + (2_000_000 + (Math.abs(u.hashCode()) % 7_000_000));
    String service = "leaky-" + u;
    created(
        app.post(
            "/api/people",
            "{\"id\":\"lee-"
                + u
                + "\",\"name\":\"Lee Leak\","
                + "\"timezone\":\"UTC\",\"contacts\":{\"sms\":\""
                + number
                + "\",\"email\":\"lee-"
                + u
                + "@example.test\"},\"rules\":[{\"channel\":\"sms\",\"after\":\"0m\"},"
                + "{\"channel\":\"email\",\"after\":\"0m\"}]}"));
    created(
        app.post(
            "/api/escalation-policies",
            "{\"id\":\"policy-"
                + u
                + "\",\"name\":\"P\","
                + "\"levels\":[{\"escalate-after\":\"5m\",\"targets\":[\"person:lee-"
                + u
                + "\"]}]}"));
    created(
        app.post(
            "/api/services",
            "{\"id\":\""
                + service
                + "\",\"name\":\"Leaky\","
                + "\"escalation-policy\":\"policy-"
                + u
                + "\",\"status-page-component\":\"Leaky\","
                + "\"integration-keys\":[\""
                + INTEGRATION_KEY
                + "\"]}"));

    // declared by an alert (SEV1: pages, chat, webhook, both status pages)
    Response alert =
        app.postWithHeader(
            "/api/alerts",
            "Authorization",
            "Bearer " + INTEGRATION_KEY,
            "{\"summary\":\"Checkout returns 500\",\"severity\":\"critical\",\"dedup_key\":\"leak-"
                + u
                + "\"}");
    assertThat(alert.status()).as("%s", alert.body()).isEqualTo(202);
    String key = alert.field("incident");
    assertThat(key).startsWith("INC-");

    // paged by SMS (Twilio stand-in) and e-mail (SMTP with a login)
    await(() -> standIn.findAll(anyRequestedFor(urlPathMatching(".*/Messages.json"))).size() >= 1);
    await(() -> smtp.getReceivedMessages().length >= 1);
    // acknowledged by a signed SMS reply
    FirelineApp.Text reply = twilioReply(number, "4");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).contains(key + " acknowledged by Lee Leak");
    // a public status update, then resolved
    assertThat(
            app.post(
                    "/api/incidents/" + key + "/status-updates",
                    "{\"status\":\"identified\","
                        + "\"message\":\"Rolled back the deploy\",\"public\":true}")
                .status())
        .isEqualTo(200);
    assertThat(
            app.post("/api/incidents/" + key + "/resolve", "{\"summary\":\"Rolled back\"}")
                .status())
        .isEqualTo(200);
    // every announcer has been called: Slack, the webhook, Statuspage (created and updated)
    await(() -> standIn.findAll(anyRequestedFor(urlPathEqualTo(SLACK_PATH))).size() >= 3);
    await(() -> standIn.findAll(anyRequestedFor(urlPathEqualTo("/hooks/fireline"))).size() >= 3);
    await(
        () ->
            standIn
                    .findAll(
                        anyRequestedFor(
                            urlPathMatching("/v1/pages/" + STATUSPAGE_PAGE + "/incidents/sp1")))
                    .size()
                >= 2);
    assertThat(
            standIn
                .findAll(anyRequestedFor(urlPathEqualTo("/hooks/fireline")))
                .get(0)
                .getHeader("X-Fireline-Signature"))
        .startsWith("sha256=");

    // a heartbeat (its key is shown once, at creation) and a calendar feed (the API key in the URL)
    Response heartbeat =
        app.post(
            "/api/heartbeat-monitors",
            "{\"id\":\"hb-" + u + "\",\"service\":\"" + service + "\",\"interval\":\"1h\"}");
    assertThat(heartbeat.status()).isEqualTo(201);
    String pingKey = heartbeat.field("key");
    assertThat(app.postUnauthenticated("/api/heartbeats/" + pingKey, "").status()).isEqualTo(202);
    assertThat(
            app.getText("/api/calendars/people/lee-" + u + ".ics?key=" + FirelineApp.API_KEY, null)
                .status())
        .isEqualTo(200);

    // Slack: a signed command, a forged one, a click whose clicker Fireline asks Slack about
    // (the stand-in answers 404) and answers through a response_url
    SlackRequests slack = new SlackRequests(port, SLACK_SIGNING_SECRET, standIn);
    assertThat(slack.command("U0LOGTEST", "C0LOGTEST", "help", "log-" + u, "t.1").body())
        .contains("/incident declare");
    assertThat(
            slack
                .post(
                    "/api/slack/commands",
                    "command=%2Fincident&text=help",
                    "application/x-www-form-urlencoded",
                    SlackRequests.now(),
                    "forged")
                .status())
        .isEqualTo(401);
    assertThat(
            slack
                .interaction(
                    SlackRequests.click(
                        "U0LOGTEST",
                        "C0LOGTEST",
                        dev.fireline.communicate.slack.SlackActions.ACKNOWLEDGE,
                        key,
                        slack.responseUrl("click-" + u),
                        "t.2"))
                .status())
        .isEqualTo(200);
    await(
        () -> standIn.findAll(anyRequestedFor(urlPathEqualTo("/respond/click-" + u))).size() >= 1);

    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("API key", FirelineApp.API_KEY);
    secrets.put("Twilio account SID", TWILIO_SID);
    secrets.put("Twilio auth token", TWILIO_TOKEN);
    secrets.put("Twilio Basic credentials", base64(TWILIO_SID + ":" + TWILIO_TOKEN));
    secrets.put("SMTP password", SMTP_PASSWORD);
    secrets.put("SMTP AUTH PLAIN", base64("\0" + SMTP_USER + "\0" + SMTP_PASSWORD));
    secrets.put("SMTP AUTH LOGIN password", base64(SMTP_PASSWORD));
    secrets.put("link secret", LINK_SECRET);
    secrets.put("Slack webhook token", SLACK_TOKEN);
    secrets.put("webhook URL token", WEBHOOK_URL_TOKEN);
    secrets.put("webhook HMAC secret", WEBHOOK_SECRET);
    secrets.put("Statuspage API key", STATUSPAGE_KEY);
    secrets.put("integration key", INTEGRATION_KEY);
    secrets.put("heartbeat ping key", pingKey);
    secrets.put("Slack signing secret", SLACK_SIGNING_SECRET);
    secrets.put("Slack bot token", SLACK_BOT_TOKEN);

    // the log: everything printed since the class started, start-up included
    String log = output.getAll();
    assertThat(log)
        .as("the capture has the run")
        .contains(key + " acknowledged by lee-" + u)
        .contains("SMS and voice pages go through Twilio");
    assertThat(found(secrets, log)).as("secrets in the log").isEmpty();

    // the answers of listing, configuration and public endpoints (the directory included: it
    // shows integration keys only as their hash)
    List<String> answers = new ArrayList<>();
    for (String path :
        List.of(
            "/api/incidents/" + key,
            "/api/incidents?limit=50",
            "/api/notifications?incident=" + key,
            "/api/alert-events?service=" + service,
            "/api/heartbeat-monitors",
            "/api/people/lee-" + u,
            "/api/status",
            "/status",
            "/actuator/health",
            "/actuator/prometheus",
            "/actuator/info",
            "/actuator",
            "/v3/api-docs",
            "/api/directory/export",
            "/api/services/" + service,
            "/api/services")) {
      FirelineApp.Text answer = app.getText(path, FirelineApp.API_KEY);
      assertThat(answer.status()).as(path).isEqualTo(200);
      assertThat(found(secrets, answer.body())).as("secrets in the answer of %s", path).isEmpty();
    }

    // the database: keys are stored hashed, channel secrets not at all
    StringBuilder database = new StringBuilder();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    for (String table :
        jdbc.sql(
                "select table_name from information_schema.tables "
                    + "where table_schema = 'public' and table_type = 'BASE TABLE'")
            .query(String.class)
            .list()) {
      String rows =
          String.join(
              "\n", jdbc.sql("select t::text from \"" + table + "\" t").query(String.class).list());
      database.append(rows);
      assertThat(found(secrets, rows)).as("secrets in table %s", table).isEmpty();
    }
    assertThat(database)
        .as("the dump has the run")
        .contains(key)
        .contains(dev.fireline.security.ApiKeys.hash(FirelineApp.API_KEY))
        .contains(dev.fireline.security.ApiKeys.hash(INTEGRATION_KEY))
        .contains(dev.fireline.security.ApiKeys.hash(pingKey));
  }

  private static List<String> found(Map<String, String> secrets, String text) {
    List<String> found = new ArrayList<>();
    secrets.forEach(
        (name, secret) -> {
          int at = text.indexOf(secret);
          if (at >= 0) {
            found.add(
                name
                    + " in: "
                    + text.substring(
                        Math.max(0, at - 200), Math.min(text.length(), at + secret.length() + 50)));
          }
        });
    return found;
  }

  private FirelineApp.Text twilioReply(String number, String body) throws Exception {
    Map<String, String> params =
        Map.of("From", number, "To", FROM, "Body", body, "AccountSid", TWILIO_SID);
    StringBuilder signed = new StringBuilder(PUBLIC_URL + "/api/twilio/sms");
    params.keySet().stream().sorted().forEach(k -> signed.append(k).append(params.get(k)));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(TWILIO_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    String signature =
        Base64.getEncoder()
            .encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
    StringBuilder form = new StringBuilder();
    params.forEach(
        (k, v) ->
            form.append(form.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    RawHttp.Answer answer =
        RawHttp.send(
            port,
            "POST",
            "/api/twilio/sms",
            "Content-Type: application/x-www-form-urlencoded\r\nX-Twilio-Signature: "
                + signature
                + "\r\n",
            form.toString().getBytes(StandardCharsets.UTF_8));
    return new FirelineApp.Text(answer.status(), answer.body(), Map.of());
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void await(java.util.concurrent.Callable<Boolean> condition) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(condition);
  }

  private static void created(Response response) {
    assertThat(response.status()).as("%s", response.body()).isEqualTo(201);
  }
}
