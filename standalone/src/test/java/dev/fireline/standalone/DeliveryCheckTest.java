package dev.fireline.standalone;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.standalone.FirelineApp.Response;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Strict delivery outside the demo, the way Compose runs it (no log-only delivery): a directory
 * whose people rely on a channel without a provider stops start-up, a provider that rejects our
 * credentials turns health DOWN, and a directory change that would leave someone unreachable is
 * refused. The Twilio stand-in answers Twilio's account fetch.
 */
class DeliveryCheckTest {
  private static final String ACCOUNT = "AC00000000000000000000000000000077";
  private static final WireMockServer twilio =
      new WireMockServer(
          WireMockConfiguration.wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
  private static EmbeddedInfrastructure infrastructure;

  @BeforeAll
  static void start() {
    infrastructure = EmbeddedInfrastructure.start(TestTemporal.newNamespace());
    twilio.start();
  }

  @AfterAll
  static void stop() {
    twilio.stop();
    infrastructure.close();
  }

  @Test
  void smsRulesWithoutTwilioStopStartUpNamingTheSettingsAndThePeopleAndApplyNothing() {
    Map<String, Object> strict = strictProperties("classpath:fireline-sms-without-twilio.yml");

    assertThatThrownBy(() -> start(strict).close())
        .hasStackTraceContaining(
            "sms has no provider (Twilio: set TWILIO_ACCOUNT_SID, "
                + "TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER) but the notification rules of "
                + "Sam Sms (sam-sms), Tess Two (tess-two) use it")
        .hasStackTraceContaining("FIRELINE_DELIVERY_STRICT=false");

    PGSimpleDataSource database = new PGSimpleDataSource();
    database.setURL(infrastructure.jdbcUrl());
    database.setUser("postgres");
    database.setPassword("postgres");
    assertThat(new DirectoryStore(database).find(DirectoryStore.Kind.PERSON, "una-mail"))
        .as("nothing of the refused file was applied")
        .isEmpty();
  }

  @Test
  void credentialsTwilioRejectsTurnHealthDownAndAnUnreachableRuleIsRefused() {
    twilio.stubFor(
        get(urlPathEqualTo("/2010-04-01/Accounts/" + ACCOUNT + ".json"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}")));
    Map<String, Object> properties = strictProperties("classpath:fireline-sms-only.yml");
    properties.put("fireline.twilio.account-sid", ACCOUNT);
    properties.put("fireline.twilio.auth-token", "rejected-token");
    properties.put("fireline.twilio.from-number", "+15005550006");
    properties.put("fireline.twilio.api-base-url", twilio.baseUrl());

    try (ConfigurableApplicationContext context = start(properties)) {
      FirelineApp app = new FirelineApp(port(context));

      Response health = app.get("/actuator/health");
      assertThat(health.status()).isEqualTo(503);
      assertThat(
              health.body().path("components").path("deliveryChannels").path("status").asString())
          .isEqualTo("DOWN");

      Response reachability = app.get("/api/reachability");
      assertThat(reachability.status()).isEqualTo(200);
      JsonNode verified = reachability.body().path("verified").get(0);
      assertThat(verified.path("provider").asString()).isEqualTo("twilio");
      assertThat(verified.path("outcome").asString()).isEqualTo("REJECTED");
      assertThat(verified.path("detail").asString())
          .contains("HTTP 401")
          .doesNotContain("rejected-token");
      assertThat(reachability.body().path("gaps").isEmpty()).isTrue();

      Response refused =
          app.put(
              "/api/people/wes-mail",
              "{\"name\":\"Wes Mail\","
                  + "\"contacts\":{\"email\":\"wes@example.com\"},"
                  + "\"rules\":[{\"channel\":\"email\",\"after\":\"0m\"}]}");
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body().path("errors").get(0).path("field").asString())
          .isEqualTo("rules[0].channel");
      assertThat(refused.body().path("errors").get(0).path("message").asString())
          .contains("email has no provider in this deployment", "SMTP_HOST");
      assertThat(app.get("/api/people/wes-mail").status()).as("nothing saved").isEqualTo(404);
    }
  }

  private static Map<String, Object> strictProperties(String directoryFile) {
    Map<String, Object> properties =
        new HashMap<>(FirelineStandalone.properties(infrastructure, System.nanoTime(), null));
    properties.put("server.port", "0");
    properties.put("fireline.api-key", FirelineApp.API_KEY);
    properties.put("fireline.config", directoryFile);
    properties.put("fireline.delivery.log-only", "false");
    properties.put("fireline.delivery.strict", "true");
    // The embedded run's fallback people are only logged; a list set here replaces theirs whole
    properties.put("fireline.people[0].id", "fallback-vic");
    properties.put("fireline.people[0].rules[0].channel", "sms");
    return properties;
  }

  /** As command-line arguments: they win over application.yml, as an environment would. */
  private static ConfigurableApplicationContext start(Map<String, Object> properties) {
    return new SpringApplicationBuilder(StandaloneApplication.class)
        .run(
            properties.entrySet().stream()
                .map(p -> "--" + p.getKey() + "=" + p.getValue())
                .toArray(String[]::new));
  }

  private static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }
}
