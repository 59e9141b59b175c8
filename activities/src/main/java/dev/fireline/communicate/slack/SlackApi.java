package dev.fireline.communicate.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.util.http.SlackHttpClient;
import okhttp3.OkHttpClient;

/**
 * Slack's Web API client for the bot token, pointed at {@link SlackSettings#apiUrl()} (Slack, or a
 * stand-in in the tests). The SDK's own retries are off: a failed call fails the activity, and
 * Temporal's retry policy (which honours {@code Retry-After}) decides when to try again.
 */
public final class SlackApi {
  private SlackApi() {}

  public static MethodsClient methods(SlackSettings settings) {
    if (settings.botToken() == null) {
      throw new IllegalStateException("fireline.slack.bot-token is not set");
    }
    return slack(settings).methods(settings.botToken());
  }

  public static Slack slack(SlackSettings settings) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(settings.apiUrl());
    config.setPrettyResponseLoggingEnabled(false);
    config.setFailOnUnknownProperties(false);
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(settings.timeout())
            .readTimeout(settings.timeout())
            .callTimeout(settings.timeout().multipliedBy(2))
            .retryOnConnectionFailure(false)
            .build();
    return Slack.getInstance(config, new SlackHttpClient(http));
  }
}
