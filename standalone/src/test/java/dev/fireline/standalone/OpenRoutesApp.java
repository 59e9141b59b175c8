package dev.fireline.standalone;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One app (one Spring context, cached) for the tests of what reaches it without an API key: the
 * route walk, the request limits, the audit log (e-mail links and Twilio replies among it) and
 * Slack's requests. Twilio's auth token and Slack's signing secret are set, so webhook signatures
 * are really checked; no Twilio account SID, so nothing is sent to Twilio; Slack's Web API (and the
 * response_urls of the Slack requests the tests make up) is {@link #SLACK}, a WireMock stand-in.
 *
 * <p>Its own PostgreSQL and Temporal namespace: with a Slack bot token its worker opens war rooms
 * and pages by Slack, so it must not take other contexts' incidents off the shared task queue (nor
 * they its own).
 */
@SpringBootTest(
    classes = StandaloneApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class OpenRoutesApp {
  static final String PUBLIC_URL = "https://fireline.example.test";
  static final String TWILIO_TOKEN = "open-routes-twilio-auth-token";
  static final String SLACK_SIGNING_SECRET = "open-routes-slack-signing-secret";
  static final WireMockServer SLACK =
      new WireMockServer(
          WireMockConfiguration.wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

  private static EmbeddedInfrastructure infrastructure;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    synchronized (OpenRoutesApp.class) {
      if (infrastructure == null) {
        infrastructure = EmbeddedInfrastructure.start(TestTemporal.newNamespace());
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close));
      }
    }
    FirelineApp.register(registry, infrastructure);
    registry.add("fireline.public-url", () -> PUBLIC_URL);
    registry.add("fireline.twilio.auth-token", () -> TWILIO_TOKEN);
    synchronized (OpenRoutesApp.class) {
      if (!SLACK.isRunning()) {
        SLACK.start();
        // a Web API method no test stubbed: Slack's answer to an unknown method
        SLACK.stubFor(
            WireMock.post(WireMock.urlPathMatching("/api/.*"))
                .atPriority(10)
                .willReturn(WireMock.okJson("{\"ok\":false,\"error\":\"unknown_method\"}")));
        // the SDK asks once per token which workspace it is for (its rate-limit bookkeeping)
        SLACK.stubFor(
            WireMock.post(WireMock.urlPathEqualTo("/api/auth.test"))
                .willReturn(
                    WireMock.okJson(
                        "{\"ok\":true,\"url\":\"https://example.slack.com/\",\"team\":"
                            + "\"Example\",\"user\":\"fireline\",\"team_id\":\"T0001\",\"user_id\":"
                            + "\"U0BOT\",\"bot_id\":\"B0001\"}")));
        Runtime.getRuntime().addShutdownHook(new Thread(SLACK::stop));
      }
    }
    registry.add("fireline.slack.signing-secret", () -> SLACK_SIGNING_SECRET);
    registry.add("fireline.slack.bot-token", () -> "xoxb-open-routes-test");
    registry.add("fireline.slack.api-url", () -> SLACK.baseUrl() + "/api/");
  }
}
