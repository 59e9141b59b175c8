package dev.fireline.communicate.chat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Chat and outbound-webhook configuration ({@code fireline.chat.*}, see {@code fireline-chat.yml}).
 * Webhook URLs are credentials (whoever has a Slack webhook URL can post to the channel): only
 * their host is ever logged or shown.
 *
 * @param slackWebhookUrl Slack-compatible incoming webhook for services without their own
 * @param services per service id: its own Slack webhook
 * @param webhookUrl the generic outbound webhook (every announcement, signed)
 * @param webhookSecret key of the {@code X-Fireline-Signature} HMAC
 * @param timeout connect and response timeout of one POST
 */
public record ChatSettings(
    String slackWebhookUrl,
    Map<String, ServiceChat> services,
    String webhookUrl,
    String webhookSecret,
    Duration timeout) {

  public record ServiceChat(String slackWebhookUrl) {
    @Override
    public String toString() {
      return "ServiceChat[slackWebhookUrl=" + redact(slackWebhookUrl) + "]";
    }
  }

  public ChatSettings {
    slackWebhookUrl = blankToNull(slackWebhookUrl);
    services = services == null ? Map.of() : Map.copyOf(services);
    webhookUrl = blankToNull(webhookUrl);
    webhookSecret = blankToNull(webhookSecret);
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
  }

  /** The service's own Slack webhook, else the global one; empty when neither is set. */
  public Optional<String> slackUrlFor(String serviceId) {
    ServiceChat own = serviceId == null ? null : services.get(serviceId);
    if (own != null && blankToNull(own.slackWebhookUrl()) != null) {
      return Optional.of(own.slackWebhookUrl().strip());
    }
    return Optional.ofNullable(slackWebhookUrl);
  }

  public boolean slackConfigured() {
    return slackWebhookUrl != null
        || services.values().stream()
            .anyMatch(s -> s != null && blankToNull(s.slackWebhookUrl()) != null);
  }

  public boolean webhookConfigured() {
    return webhookUrl != null;
  }

  /** Fails start-up on a URL that is not absolute http(s). */
  public ChatSettings validated() {
    check("FIRELINE_SLACK_WEBHOOK_URL", slackWebhookUrl);
    services.forEach(
        (id, s) ->
            check(
                "fireline.chat.services." + id + ".slack-webhook-url",
                s == null ? null : blankToNull(s.slackWebhookUrl())));
    check("FIRELINE_WEBHOOK_URL", webhookUrl);
    return this;
  }

  private static void check(String property, String url) {
    if (url == null) {
      return;
    }
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(property + " is not a URL");
    }
    if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
        || uri.getHost() == null) {
      throw new IllegalStateException(
          property + " must be an absolute http(s) URL (it is " + redact(url) + ")");
    }
  }

  /** {@code https://hooks.slack.com/…}: the part of a webhook URL that is no secret. */
  public static String redact(String url) {
    if (url == null) {
      return null;
    }
    try {
      URI uri = URI.create(url.strip());
      if (uri.getHost() != null) {
        return uri.getScheme()
            + "://"
            + uri.getHost()
            + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
            + "/****";
      }
    } catch (IllegalArgumentException ignored) {
      // fall through
    }
    return "****";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  @Override
  public String toString() {
    return "ChatSettings[slackWebhookUrl="
        + redact(slackWebhookUrl)
        + ", services="
        + services
        + ", webhookUrl="
        + redact(webhookUrl)
        + ", webhookSecret="
        + (webhookSecret == null ? "" : "****")
        + ", timeout="
        + timeout
        + "]";
  }
}
