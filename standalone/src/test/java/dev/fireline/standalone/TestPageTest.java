package dev.fireline.standalone;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.fireline.standalone.FirelineApp.Response;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The test page a responder sends themself before a shift: through the real providers' stand-ins
 * (WireMock as Twilio, GreenMail as SMTP), answering what each said. Log-only delivery is off, as
 * in any deployment but the demo.
 */
@SpringBootTest(
    classes = StandaloneApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TestPageTest {
  private static final String ACCOUNT = "AC00000000000000000000000000000099";
  private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  private static final String CALLS = "/2010-04-01/Accounts/" + ACCOUNT + "/Calls.json";
  private static final WireMockServer twilio =
      new WireMockServer(
          WireMockConfiguration.wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
  private static GreenMail smtp;
  private static EmbeddedInfrastructure infrastructure;

  @LocalServerPort int port;
  FirelineApp app;
  private String person;
  private String number;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    synchronized (TestPageTest.class) {
      if (infrastructure == null) {
        infrastructure = EmbeddedInfrastructure.start(TestTemporal.newNamespace());
        twilio.start();
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
      }
    }
    FirelineApp.register(registry, infrastructure, "classpath:fireline-sms-only.yml");
    Map<String, Object> settings =
        new HashMap<>(
            Map.of(
                "fireline.delivery.log-only", "false",
                "fireline.delivery.strict", "false",
                "fireline.twilio.account-sid", ACCOUNT,
                "fireline.twilio.auth-token", "test-page-auth-token",
                "fireline.twilio.from-number", "+15005550006",
                "fireline.twilio.api-base-url", twilio.baseUrl(),
                "fireline.email.smtp.host", "127.0.0.1",
                "fireline.email.smtp.port", smtp.getSmtp().getPort(),
                "fireline.email.smtp.starttls", "false",
                "fireline.email.from", "Fireline <fireline@example.test>"));
    settings.put("fireline.email.link-secret", "test-page-link-secret-0123456789abcdef");
    settings.forEach((name, value) -> registry.add(name, () -> value));
  }

  @AfterAll
  static void stop() {
    twilio.stop();
    smtp.stop();
    infrastructure.close();
  }

  @BeforeEach
  void person() {
    app = new FirelineApp(port);
    String u = UUID.randomUUID().toString().substring(0, 8);
    person = "tp-" + u;
    number = "+1555" + (1_000_000 + (int) (Math.random() * 8_999_999));
    Response created =
        app.post(
            "/api/people",
            "{\"id\":\""
                + person
                + "\",\"name\":\"Tia Test\","
                + "\"contacts\":{\"sms\":\""
                + number
                + "\",\"voice\":\""
                + number
                + "\","
                + "\"email\":\""
                + person
                + "@example.test\",\"chat\":\"@"
                + person
                + "\"},"
                + "\"rules\":[{\"channel\":\"sms\",\"after\":\"0m\"}]}");
    assertThat(created.status()).isEqualTo(201);
  }

  @Test
  void aTestPageReachesTwilioAndSmtpAndAnswersWhatEachProviderSaid() throws Exception {
    twilio.stubFor(
        post(urlPathEqualTo(MESSAGES))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"sid\":\"SMtest1\",\"account_sid\":\""
                            + ACCOUNT
                            + "\",\"status\":\"queued\"}")));
    twilio.stubFor(
        post(urlPathEqualTo(CALLS))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"sid\":\"CAtest1\",\"account_sid\":\""
                            + ACCOUNT
                            + "\",\"status\":\"queued\"}")));

    Response answer = app.post("/api/people/" + person + "/test-page", null);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().path("pending").asBoolean()).isFalse();
    Map<String, JsonNode> byChannel = new HashMap<>();
    answer.body().path("results").forEach(r -> byChannel.put(r.path("channel").asString(), r));
    assertThat(byChannel).containsOnlyKeys("sms", "voice", "email", "chat");
    assertThat(byChannel.get("sms").path("status").asString()).isEqualTo("SENT");
    assertThat(byChannel.get("sms").path("providerId").asString()).isEqualTo("SMtest1");
    assertThat(byChannel.get("voice").path("providerId").asString()).isEqualTo("CAtest1");
    assertThat(byChannel.get("email").path("status").asString()).isEqualTo("SENT");
    assertThat(byChannel.get("chat").path("status").asString())
        .as("no chat provider: said so, never delivered")
        .isEqualTo("FAILED");
    assertThat(byChannel.get("chat").path("detail").asString())
        .contains("no chat provider configured");

    List<LoggedRequest> sms = twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)));
    assertThat(sms).hasSize(1);
    String form = URLDecoder.decode(sms.get(0).getBodyAsString(), StandardCharsets.UTF_8);
    assertThat(form).contains("To=" + number, "Test page for Tia Test via sms");
    assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(CALLS)))).hasSize(1);
    MimeMessage[] mails = smtp.getReceivedMessagesForDomain(person + "@example.test");
    assertThat(mails).hasSize(1);
    assertThat(mails[0].getSubject()).contains("Test page for Tia Test via email");
  }

  @Test
  void aChannelThePersonHasNoContactForIsRefusedNamingWhatTheyHave() {
    Response refused = app.post("/api/people/" + person + "/test-page?channel=pager", null);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("detail").asString())
        .contains("Tia Test has no pager contact; they have ")
        .contains("sms", "voice", "email");
    assertThat(app.post("/api/people/nobody-here/test-page", null).status()).isEqualTo(404);
  }
}
