package dev.fireline.worker;

import dev.fireline.communicate.chat.ChatSettings;
import dev.fireline.communicate.chat.SlackAnnouncer;
import dev.fireline.communicate.chat.StakeholderRule;
import dev.fireline.communicate.chat.WebhookAnnouncer;
import dev.fireline.communicate.chat.WebhookPoster;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Chat announcers ({@code fireline.chat.*}, see {@code fireline-chat.yml}): Slack-compatible
 * incoming webhooks when a global or per-service URL is set, the signed generic webhook when {@code
 * FIRELINE_WEBHOOK_URL} is. The announce activity picks them up as {@code Announcer} beans.
 */
@Configuration(proxyBeanMethods = false)
class ChatConfiguration {
  private static final Logger log = LoggerFactory.getLogger(ChatConfiguration.class);

  static ChatSettings settings(Environment environment) {
    return Binder.get(environment)
        .bind("fireline.chat", ChatSettings.class)
        .orElseGet(() -> new ChatSettings(null, null, null, null, null));
  }

  @Bean
  @Conditional(SlackConfigured.class)
  SlackAnnouncer slackAnnouncer(Environment environment, DataSource dataSource) {
    ChatSettings settings = settings(environment).validated();
    log.info(
        "Chat: Slack webhook {}{}",
        settings.slackWebhookUrl() == null
            ? "per service only"
            : ChatSettings.redact(settings.slackWebhookUrl()),
        settings.services().isEmpty() ? "" : ", own webhooks for " + settings.services().keySet());
    return new SlackAnnouncer(
        settings, new WebhookPoster(settings.timeout()), new StakeholderRule(dataSource));
  }

  @Bean
  @Conditional(WebhookConfigured.class)
  WebhookAnnouncer webhookAnnouncer(Environment environment) {
    ChatSettings settings = settings(environment).validated();
    if (settings.webhookSecret() == null) {
      log.warn(
          "Chat: webhook {} gets every announcement UNSIGNED: set FIRELINE_WEBHOOK_SECRET",
          ChatSettings.redact(settings.webhookUrl()));
    } else {
      log.info(
          "Chat: webhook {} gets every announcement, signed (X-Fireline-Signature)",
          ChatSettings.redact(settings.webhookUrl()));
    }
    return new WebhookAnnouncer(settings, new WebhookPoster(settings.timeout()), Clock.systemUTC());
  }

  static final class SlackConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return settings(context.getEnvironment()).slackConfigured();
    }
  }

  static final class WebhookConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return settings(context.getEnvironment()).webhookConfigured();
    }
  }
}
