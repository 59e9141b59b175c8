package dev.fireline.worker;

import com.slack.api.methods.MethodsClient;
import dev.fireline.communicate.slack.SlackApi;
import dev.fireline.communicate.slack.SlackDirectMessages;
import dev.fireline.communicate.slack.SlackSettings;
import dev.fireline.communicate.slack.SlackWarRoom;
import dev.fireline.communicate.slack.WarRoomLinks;
import dev.fireline.directory.Contacts;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.incident.Severity;
import dev.fireline.notify.ProviderSettings;
import dev.fireline.notify.ProviderVerification;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The Slack app ({@code fireline.slack.*}, see {@code fireline-slack.yml}). The war room activity
 * is always registered: without a bot token it answers "no Slack here" (null), so an incident says
 * so on its timeline instead of failing on an activity nobody registered. With the token, "chat"
 * notification rules are direct messages from the bot, and the token is checked with Slack once at
 * start ({@code auth.test}; a rejected token turns health DOWN).
 *
 * <p>No {@code SlackSettings} or {@code MethodsClient} bean on purpose: the api binds the same
 * settings for what Slack sends it, and both run in one context in the embedded run.
 */
@Configuration(proxyBeanMethods = false)
class SlackConfiguration {
  private static final Logger log = LoggerFactory.getLogger(SlackConfiguration.class);

  static SlackSettings settings(Environment environment) {
    return Binder.get(environment)
        .bind("fireline.slack", SlackSettings.class)
        .orElseGet(SlackSettings::none);
  }

  /**
   * The severities that get a war room, for the incident policies; null without a bot token (no war
   * rooms). An unknown severity stops start-up.
   */
  static List<Severity> warRoomSeverities(Environment environment) {
    SlackSettings settings = settings(environment);
    if (!settings.warRoomsOn()) {
      return null;
    }
    List<Severity> severities = new ArrayList<>();
    for (String name : settings.warRoomSeverities()) {
      severities.add(
          Severity.parse(name)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "fireline.slack.war-room-severities: unknown severity "
                              + name
                              + " (SEV1 to SEV4)")));
    }
    return List.copyOf(severities);
  }

  static WarRoomLinks links(Environment environment) {
    return new WarRoomLinks(
        environment.getProperty("fireline.public-url", ""),
        environment.getProperty("fireline.temporal.ui-url", ""),
        environment.getProperty("spring.temporal.namespace", "default"));
  }

  @Bean
  SlackWarRoom slackWarRoom(
      Environment environment, DataSource dataSource, DirectoryStore directory) {
    SlackSettings settings = settings(environment).validated();
    if (settings.warRoomsOn()) {
      List<Severity> severities = warRoomSeverities(environment);
      log.info("Slack: war rooms for {}, chat rules as direct messages ({})", severities, settings);
      if (environment.getProperty("fireline.public-url", "").isBlank()) {
        log.warn(
            "Slack: FIRELINE_PUBLIC_URL is not set; war room links point at {}",
            links(environment).publicUrl());
      }
    } else {
      log.info(
          "Slack: no bot token (FIRELINE_SLACK_BOT_TOKEN): no war rooms, and chat rules "
              + "have no provider");
    }
    return new SlackWarRoom(settings, links(environment), dataSource, directory);
  }

  @Bean
  @Conditional(BotTokenSet.class)
  SlackDirectMessages slackDirectMessages(
      Environment environment, DataSource dataSource, Contacts contacts) {
    return SlackDirectMessages.create(settings(environment).validated(), dataSource, contacts);
  }

  /** Slack's word on the bot token, once at start (like the Twilio and SMTP credentials). */
  @Bean
  @Conditional(BotTokenSet.class)
  ApplicationRunner slackTokenCheck(Environment environment, ProviderVerification verification) {
    return args -> {
      MethodsClient slack = SlackApi.methods(settings(environment).validated());
      ProviderVerification.Result result = verification.slack(slack);
      switch (result.outcome()) {
        case VERIFIED -> log.info("Provider slack: {}", result.detail());
        case REJECTED -> log.error("Provider slack: {}", result.detail());
        case UNVERIFIED -> log.warn("Provider slack: not verified: {}", result.detail());
      }
    };
  }

  static final class BotTokenSet implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return ProviderSettings.slackConfigured(context.getEnvironment());
    }
  }
}
