package dev.fireline.notify;

import java.util.Map;

/**
 * What each notification channel needs before it reaches anyone: the settings an operator sets.
 * Messages about a channel without a provider name them.
 */
public final class ChannelProviders {
  private static final String TWILIO =
      "Twilio: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER";
  private static final Map<String, String> NEEDS =
      Map.of(
          "sms",
          TWILIO,
          "voice",
          TWILIO,
          "email",
          "SMTP: set SMTP_HOST and SMTP_FROM (see fireline-email.yml)",
          "chat",
          "Slack: set FIRELINE_SLACK_BOT_TOKEN (direct messages from the Slack app's bot)",
          LogChannel.NAME,
          "log-only delivery, which only the embedded demo turns on "
              + "(FIRELINE_LOG_ONLY_DELIVERY=true)");

  private ChannelProviders() {}

  /** What {@code channel} needs, e.g. "Twilio: set TWILIO_ACCOUNT_SID, …". */
  public static String needs(String channel) {
    return NEEDS.getOrDefault(channel, "an unknown channel: use sms, voice or email");
  }
}
