package dev.fireline.standalone;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.fireline.notify.email.LinkTokens;
import dev.fireline.standalone.FirelineApp.Response;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * E-mail and chat end to end against the real app (embedded Temporal and PostgreSQL of its own),
 * GreenMail as the SMTP server and WireMock as Slack: alice is paged by e-mail, opening the link
 * only shows a confirmation page, and only its button acknowledges.
 */
@SpringBootTest(
    classes = StandaloneApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmailAndChatTest {
  private static final String PUBLIC_URL = "https://fireline.example.test";
  private static final Pattern LINK =
      Pattern.compile(Pattern.quote(PUBLIC_URL) + "(/links/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static EmbeddedInfrastructure infrastructure;
  private static GreenMail smtp;
  private static WireMockServer slack;

  @LocalServerPort int port;
  @Autowired LinkTokens tokens;
  FirelineApp app;
  private final HttpClient browser = HttpClient.newHttpClient();

  @DynamicPropertySource
  static synchronized void infrastructure(DynamicPropertyRegistry registry) {
    if (infrastructure == null) {
      infrastructure = EmbeddedInfrastructure.start(TestTemporal.newNamespace());
      smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      smtp.start();
      slack = new WireMockServer(options().dynamicPort());
      slack.start();
      slack.stubFor(post("/services/T0/B0/x").willReturn(ok("ok")));
    }
    FirelineApp.register(registry, infrastructure);
    registry.add("fireline.email.smtp.host", () -> "127.0.0.1");
    registry.add("fireline.email.smtp.port", () -> smtp.getSmtp().getPort());
    registry.add("fireline.email.smtp.starttls", () -> "false");
    registry.add("fireline.email.from", () -> "Fireline <fireline@example.test>");
    registry.add("fireline.email.link-secret", () -> "standalone-test-link-secret-0123456789");
    registry.add("fireline.public-url", () -> PUBLIC_URL);
    registry.add("fireline.chat.slack-webhook-url", () -> slack.baseUrl() + "/services/T0/B0/x");
  }

  @AfterAll
  static void stopStandIns() {
    // the Spring context stays cached until the JVM ends; nothing pages it after this class
    smtp.stop();
    slack.stop();
  }

  @BeforeEach
  void client() {
    app = new FirelineApp(port);
  }

  @Test
  void anEmailLinkAcknowledgesOnlyAfterTheConfirmationPost() throws Exception {
    String key = declare("SEV1", "checkout");

    // alice's rule pages her by e-mail at once
    MimeMessage mail = awaitMail(key);
    assertThat(mail.getSubject()).startsWith("[SEV1] " + key + " checkout: ");
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("alice@example.com");
    MimeMultipart parts = (MimeMultipart) mail.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    List<String> links = links((String) parts.getBodyPart(0).getContent());
    assertThat(links).hasSize(2);
    assertThat(links(((String) parts.getBodyPart(1).getContent()))).isEqualTo(links);
    String acknowledge = links.get(0);
    String resolve = links.get(1);

    // the delivery log has it, with the Message-ID as provider id
    JsonNode logged =
        awaitJson(
            () -> {
              for (JsonNode n : app.get("/api/notifications?incident=" + key).body()) {
                if ("email".equals(n.path("channel").asString())
                    && "SENT".equals(n.path("status").asString())) {
                  return n;
                }
              }
              return null;
            });
    assertThat(logged.path("providerId").asString()).isEqualTo(mail.getMessageID());

    // a mail scanner or a person opening the link: a confirmation page, nothing changes
    Page confirm = get(acknowledge);
    assertThat(confirm.status()).isEqualTo(200);
    assertThat(confirm.header("content-type")).startsWith("text/html");
    assertThat(confirm.header("cache-control")).contains("no-store");
    assertThat(confirm.header("referrer-policy")).isEqualTo("no-referrer");
    assertThat(confirm.header("content-security-policy"))
        .contains("default-src 'none'", "form-action 'self'");
    // the token is the credential: the page opens no session and its form carries no CSRF field
    assertThat(confirm.header("set-cookie")).isEmpty();
    assertThat(confirm.body()).doesNotContain("_csrf", "<script");
    assertThat(confirm.body())
        .contains("Acknowledge " + key + "?")
        .contains("<form method=\"post\">")
        .contains("Alice Adams (alice)")
        .contains("Checkout returns 500");
    assertThat(get(acknowledge).status()).isEqualTo(200);
    assertThat(head(acknowledge)).isEqualTo(200);
    Response untouched = app.get("/api/incidents/" + key);
    assertThat(untouched.field("stage")).isEqualTo("TRIGGERED");
    assertThat(
            untouched.body().path("acknowledgedBy").isNull()
                || untouched.body().path("acknowledgedBy").isMissingNode())
        .isTrue();

    // the button
    Page acknowledged = submit(acknowledge, "");
    assertThat(acknowledged.status()).isEqualTo(200);
    assertThat(acknowledged.body()).contains(key + " is acknowledged by Alice Adams (alice)");
    Response after = app.get("/api/incidents/" + key);
    assertThat(after.field("stage")).isEqualTo("ACKNOWLEDGED");
    assertThat(after.field("acknowledgedBy")).isEqualTo("alice");

    // opened again: nothing left to do, no button
    Page again = get(acknowledge);
    assertThat(again.body()).contains("already acknowledged").doesNotContain("<form");

    // the resolve link, with a summary typed on the page
    assertThat(get(resolve).body()).contains("Resolve " + key + "?").contains("name=\"summary\"");
    Page resolved =
        submit(
            resolve,
            "summary="
                + URLEncoder.encode("Rolled back 1.42 & cache flushed", StandardCharsets.UTF_8));
    assertThat(resolved.status()).isEqualTo(200);
    assertThat(resolved.body())
        .contains(key + " is resolved by Alice Adams (alice)")
        .contains("&amp;")
        .doesNotContain("cache flushed & ");
    Response closed = app.get("/api/incidents/" + key);
    assertThat(closed.field("stage")).isEqualTo("POSTMORTEM");
    assertThat(closed.field("resolvedBy")).isEqualTo("alice");
    assertThat(closed.field("resolutionSummary")).isEqualTo("Rolled back 1.42 & cache flushed");
    assertThat(get(resolve).body()).contains("already resolved").doesNotContain("<form");

    // Slack heard the declaration and the resolution (SEV1 notifies stakeholders), each once
    List<String> posted = awaitSlack(key, 2);
    assertThat(posted.get(0)).contains(key + " declared");
    assertThat(posted).anySatisfy(text -> assertThat(text).contains(key + " resolved"));
  }

  @Test
  void forgedAlteredAndExpiredLinksChangeNothing() throws Exception {
    String key = declare("SEV2", "search");
    long number = Long.parseLong(key.substring("INC-".length()));
    awaitMail(key);

    String expired =
        "/links/"
            + tokens.issue(
                number, LinkTokens.Action.ACKNOWLEDGE, "alice", Instant.now().minusSeconds(5));
    Page expiredGet = get(expired);
    assertThat(expiredGet.status()).isEqualTo(410);
    assertThat(expiredGet.header("content-type")).startsWith("text/html");
    assertThat(expiredGet.body()).contains("This link has expired").contains("Nothing was changed");
    assertThat(submit(expired, "").status()).isEqualTo(410);

    String genuine = tokens.issue(number, LinkTokens.Action.ACKNOWLEDGE, "alice");
    String altered =
        "/links/"
            + genuine.substring(0, genuine.length() - 2)
            + (genuine.endsWith("AA") ? "BB" : "AA");
    assertThat(get(altered).status()).isEqualTo(403);
    Page forged = submit(altered, "");
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.body()).contains("This link is not valid");
    assertThat(submit("/links/not-a-token", "").status()).isEqualTo(403);
    // signed with another key (another deployment's link)
    LinkTokens otherKey =
        new LinkTokens(
            "some-other-deployment-secret-000".getBytes(StandardCharsets.UTF_8),
            Duration.ofHours(1),
            java.time.Clock.systemUTC());
    assertThat(
            submit("/links/" + otherKey.issue(number, LinkTokens.Action.RESOLVE, "alice"), "")
                .status())
        .isEqualTo(403);
    // a link for an incident that does not exist
    assertThat(
            get("/links/" + tokens.issue(999_999, LinkTokens.Action.ACKNOWLEDGE, "alice")).status())
        .isEqualTo(404);

    Response incident = app.get("/api/incidents/" + key);
    assertThat(incident.field("stage")).isEqualTo("TRIGGERED");
    List<String> timeline = new ArrayList<>();
    incident.body().path("timeline").forEach(e -> timeline.add(e.path("type").asString()));
    assertThat(timeline).doesNotContain("acknowledged", "resolved");
  }

  // ---- helpers

  private String declare(String severity, String service) {
    Response declared =
        app.post(
            "/api/incidents",
            "{\"title\":\"Checkout returns 500\","
                + "\"service\":\""
                + service
                + "\",\"severity\":\""
                + severity
                + "\"}");
    assertThat(declared.status()).isEqualTo(201);
    return declared.field("key");
  }

  private static MimeMessage awaitMail(String key) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> key.equals(header(m, "X-Fireline-Incident")))
                    .findFirst()
                    .orElse(null),
            Objects::nonNull);
  }

  private static String header(MimeMessage m, String name) {
    try {
      return m.getHeader(name, null);
    } catch (jakarta.mail.MessagingException e) {
      return null;
    }
  }

  private List<String> awaitSlack(String key, int count) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              List<String> texts = new ArrayList<>();
              for (LoggedRequest r :
                  slack.findAll(postRequestedFor(urlEqualTo("/services/T0/B0/x")))) {
                JsonNode body = JSON.readTree(r.getBodyAsString());
                assertThat(body.path("blocks").isArray()).isTrue();
                String text = body.path("text").asString();
                if (text.contains(key + " ")) {
                  texts.add(text);
                }
              }
              return texts;
            },
            texts -> texts.size() >= count);
  }

  private static JsonNode awaitJson(Callable<JsonNode> probe) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .until(probe, Objects::nonNull);
  }

  private static List<String> links(String content) {
    List<String> found = new ArrayList<>();
    Matcher m = LINK.matcher(content);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  record Page(int status, String body, java.net.http.HttpHeaders headers) {
    String header(String name) {
      return headers.firstValue(name).orElse("");
    }
  }

  /** As a browser: no API key. */
  private Page get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
  }

  private int head(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method("HEAD", HttpRequest.BodyPublishers.noBody()))
        .status();
  }

  /** The confirmation page's form: application/x-www-form-urlencoded, no API key. */
  private Page submit(String path, String form) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  private Page send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Page(response.statusCode(), response.body(), response.headers());
  }
}
