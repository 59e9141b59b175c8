package dev.fireline.notify;

import dev.fireline.notify.email.EmailSettings;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Which channels this process's settings give a provider, and how a channel without one is treated.
 * The worker's channel beans are created by the same tests, so what the api checks against is what
 * the worker sends with.
 *
 * @param channels the channels with a provider: sms and voice with Twilio, email with SMTP, chat
 *     with the Slack app's bot token
 * @param logOnly log-only delivery ({@code fireline.delivery.log-only}, the embedded demo): a
 *     channel without a provider is written to the log as LOGGED instead of failing
 * @param strict ({@code fireline.delivery.strict}, default: unless log-only) a rule on a channel
 *     without a provider stops start-up and is refused in directory changes; otherwise it marks
 *     health DOWN
 */
public record ProviderSettings(Set<String> channels, boolean logOnly, boolean strict) {

  public ProviderSettings {
    channels = Set.copyOf(channels);
  }

  public static ProviderSettings from(Environment environment) {
    Set<String> channels = new TreeSet<>();
    if (twilioConfigured(environment)) {
      channels.addAll(Set.of("sms", "voice"));
    }
    if (smtpConfigured(environment)) {
      channels.add("email");
    }
    if (slackConfigured(environment)) {
      channels.add("chat");
    }
    boolean logOnly = environment.getProperty("fireline.delivery.log-only", Boolean.class, false);
    return new ProviderSettings(
        channels,
        logOnly,
        environment.getProperty("fireline.delivery.strict", Boolean.class, !logOnly));
  }

  /** All three of account SID, auth token and sender number are set. */
  public static boolean twilioConfigured(Environment environment) {
    return !environment.getProperty("fireline.twilio.account-sid", "").isBlank()
        && !environment.getProperty("fireline.twilio.auth-token", "").isBlank()
        && !environment.getProperty("fireline.twilio.from-number", "").isBlank();
  }

  /** The Slack app's bot token is set: "chat" is a direct message from the bot. */
  public static boolean slackConfigured(Environment environment) {
    return !environment.getProperty("fireline.slack.bot-token", "").isBlank();
  }

  public static boolean smtpConfigured(Environment environment) {
    return emailSettings(environment).smtp().configured();
  }

  public static EmailSettings emailSettings(Environment environment) {
    return Binder.get(environment)
        .bind("fireline.email", EmailSettings.class)
        .orElseGet(() -> new EmailSettings(null, null, null, null));
  }
}
