package dev.fireline.communicate.chat;

import dev.fireline.communicate.Announcement;
import dev.fireline.communicate.Announcer;
import dev.fireline.directory.ServiceDefinition;
import dev.fireline.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts announcements to Slack-compatible incoming webhooks: the service's own ({@code
 * fireline.chat.services.<id>.slack-webhook-url}), else the global one ({@code
 * FIRELINE_SLACK_WEBHOOK_URL}). Takes what {@link StakeholderRule} says stakeholders hear.
 *
 * <p>Unreachable, 5xx, 429 and 408: thrown, so the announce activity retries (for up to an hour).
 * Any other 4xx (a revoked webhook, an archived channel, a rejected payload) is logged as an error
 * and not retried: it will not pass until someone fixes the configuration, and retrying would only
 * hold the activity open.
 */
public class SlackAnnouncer implements Announcer {
  public static final String NAME = "slack";
  private static final Logger log = LoggerFactory.getLogger(SlackAnnouncer.class);

  private final ChatSettings settings;
  private final WebhookPoster poster;
  private final StakeholderRule rule;

  public SlackAnnouncer(ChatSettings settings, WebhookPoster poster, StakeholderRule rule) {
    this.settings = settings;
    this.poster = poster;
    this.rule = rule;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean wants(Announcement announcement, ServiceDefinition service) {
    return settings.slackUrlFor(announcement.service()).isPresent()
        && rule.applies(announcement, NAME);
  }

  @Override
  public void announce(Announcement announcement, ServiceDefinition service) {
    String url = settings.slackUrlFor(announcement.service()).orElse(null);
    if (url == null) {
      return;
    }
    byte[] body =
        Json.write(SlackMessages.message(announcement, service)).getBytes(StandardCharsets.UTF_8);
    WebhookPoster.Response response = poster.post(url, body, Map.of());
    if (response.refused()) {
      log.error(
          "Slack webhook {} for service {} refused {} with {} {}; not retried: check the "
              + "webhook URL and the channel",
          ChatSettings.redact(url),
          announcement.service(),
          announcement.idempotencyKey(),
          response.status(),
          response.shortBody());
    }
  }

  @Override
  public String toString() {
    return "SlackAnnouncer[" + settings + "]";
  }
}
