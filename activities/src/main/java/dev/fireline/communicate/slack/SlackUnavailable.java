package dev.fireline.communicate.slack;

import com.slack.api.methods.SlackApiException;
import java.time.Duration;
import java.util.Optional;

/**
 * Slack answered with an HTTP error (429 rate limited, 5xx) rather than a Web API answer. Carries
 * the HTTP status and, for 429, how long Slack asked us to wait ({@code Retry-After}).
 */
public class SlackUnavailable extends RuntimeException {
  private final int status;
  private final Duration retryAfter;

  public SlackUnavailable(SlackApiException cause) {
    this(null, cause);
  }

  /**
   * @param method the Web API method asked, named in the message; null leaves it out
   */
  public SlackUnavailable(String method, SlackApiException cause) {
    super(
        "Slack answered HTTP "
            + cause.getResponse().code()
            + (method == null ? "" : " to " + method)
            + (cause.getError() != null && cause.getError().getError() != null
                ? " (" + cause.getError().getError() + ")"
                : "")
            + (cause.getResponse().code() == 429
                    && cause.getResponse().header("Retry-After") != null
                ? "; asked to wait " + cause.getResponse().header("Retry-After").strip() + " s"
                : ""),
        cause);
    this.status = cause.getResponse().code();
    this.retryAfter = parse(cause.getResponse().header("Retry-After"));
  }

  public int status() {
    return status;
  }

  public boolean rateLimited() {
    return status == 429;
  }

  /** What Slack's {@code Retry-After} asked for; empty when it said nothing. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  private static Duration parse(String seconds) {
    if (seconds == null) {
      return null;
    }
    try {
      long value = Long.parseLong(seconds.strip());
      return value < 0 ? null : Duration.ofSeconds(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
