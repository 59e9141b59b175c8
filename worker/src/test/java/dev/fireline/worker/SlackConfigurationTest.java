package dev.fireline.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.sun.net.httpserver.HttpServer;
import dev.fireline.communicate.slack.SlackDirectMessages;
import dev.fireline.communicate.slack.SlackWarRoom;
import dev.fireline.directory.Contacts;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.incident.Severity;
import dev.fireline.notify.ProviderSettings;
import dev.fireline.notify.ProviderVerification;
import dev.fireline.notify.Reachability;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** What the worker makes of {@code fireline.slack.*}, from configuration alone. */
class SlackConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(SlackConfiguration.class)
          .withBean(
              DataSource.class, () -> new DriverManagerDataSource("jdbc:postgresql://unused/x"))
          .withBean(
              DirectoryStore.class,
              () -> new DirectoryStore(new DriverManagerDataSource("jdbc:postgresql://unused/x")))
          .withBean(
              Contacts.class,
              () ->
                  new Contacts(
                      new DirectoryStore(
                          new DriverManagerDataSource("jdbc:postgresql://unused/x"))))
          .withBean(ProviderVerification.class, ProviderVerification::new);

  @Test
  void withoutABotTokenTheWarRoomIsRegisteredAndAnswersNoSlack() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(SlackWarRoom.class);
          assertThat(context).doesNotHaveBean(SlackDirectMessages.class);
          assertThat(context.getBean(SlackWarRoom.class).sync(null)).isNull();
          assertThat(SlackConfiguration.warRoomSeverities(context.getEnvironment())).isNull();
          assertThat(ProviderSettings.from(context.getEnvironment()).channels())
              .doesNotContain("chat");
        });
  }

  @Test
  void withABotTokenChatIsADirectMessageAndThePoliciesNameTheSeverities() {
    runner
        .withPropertyValues(
            "fireline.slack.bot-token=xoxb-secret-value",
            "fireline.slack.war-room-severities=sev1, 3",
            "fireline.slack.api-url=http://127.0.0.1:9/api/")
        .run(
            context -> {
              assertThat(context).hasSingleBean(SlackWarRoom.class);
              assertThat(context).hasSingleBean(SlackDirectMessages.class);
              assertThat(SlackConfiguration.warRoomSeverities(context.getEnvironment()))
                  .containsExactly(Severity.SEV1, Severity.SEV3);
              assertThat(ProviderSettings.from(context.getEnvironment()).channels())
                  .contains("chat");
              assertThat(SlackConfiguration.settings(context.getEnvironment()).toString())
                  .doesNotContain("xoxb-secret-value");
            });
    runner
        .withPropertyValues("fireline.slack.bot-token=xoxb-1")
        .run(
            context ->
                assertThat(SlackConfiguration.warRoomSeverities(context.getEnvironment()))
                    .containsExactly(Severity.SEV1, Severity.SEV2));
    runner
        .withPropertyValues(
            "fireline.slack.bot-token=xoxb-1", "fireline.slack.war-room-severities=SEV9")
        .run(context -> assertThat(context).hasFailed());
  }

  @Test
  void environmentVariablesAreEnoughEvenWithoutTheYamlMapping() {
    // as the process environment (the name makes Spring map FIRELINE_SLACK_... to fireline.slack.*)
    String name = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
    runner
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .replace(
                        name,
                        new SystemEnvironmentPropertySource(
                            name,
                            Map.of(
                                "FIRELINE_SLACK_BOT_TOKEN", "xoxb-env",
                                "FIRELINE_SLACK_TEAMCHANNELS_CHECKOUT", "C0TEAM"))))
        .run(
            context -> {
              assertThat(ProviderSettings.from(context.getEnvironment()).channels())
                  .contains("chat");
              assertThat(SlackConfiguration.settings(context.getEnvironment()).teamChannels())
                  .containsEntry("checkout", "C0TEAM");
            });
  }

  @Test
  void aBotTokenSlackRejectsTurnsHealthDown() throws Exception {
    HttpServer slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    slack.createContext(
        "/api/auth.test",
        exchange -> {
          byte[] body =
              "{\"ok\":false,\"error\":\"invalid_auth\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    slack.start();
    try {
      runner
          .withPropertyValues(
              "fireline.slack.bot-token=xoxb-revoked",
              "fireline.slack.api-url=http://127.0.0.1:" + slack.getAddress().getPort() + "/api/")
          .run(
              context -> {
                context.getBean("slackTokenCheck", ApplicationRunner.class).run(null);
                ProviderVerification verification = context.getBean(ProviderVerification.class);
                DeliveryCheck check = mock(DeliveryCheck.class);
                when(check.report())
                    .thenReturn(
                        Reachability.of(
                            List.of(), List.of(), ProviderSettings.from(context.getEnvironment())));

                Health health = new DeliveryChannelsHealthIndicator(check, verification).health();

                assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                assertThat(String.valueOf(health.getDetails().get("slack")))
                    .contains("invalid_auth", "FIRELINE_SLACK_BOT_TOKEN")
                    .doesNotContain("xoxb-revoked");
              });
    } finally {
      slack.stop(0);
    }
  }
}
