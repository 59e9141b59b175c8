package dev.fireline.communicate.slack;

import java.util.Set;

/**
 * Slack answered a Web API call with {@code ok: false}: it understood and refused (a missing scope,
 * a channel the bot is not in). Carries Slack's error code so that it reaches the incident's
 * timeline as Slack wrote it, and the scope Slack said was needed, if it did.
 */
public class SlackRefused extends RuntimeException {
  /** Errors Slack documents as its own trouble: asking again later may work. */
  private static final Set<String> TRANSIENT =
      Set.of(
          "internal_error",
          "fatal_error",
          "service_unavailable",
          "request_timeout",
          "ratelimited",
          "rate_limited");

  private final String method;
  private final String error;

  public SlackRefused(String method, String error, String needed) {
    super(
        "Slack refused "
            + method
            + ": "
            + error
            + (needed == null || needed.isBlank()
                ? ""
                : " (the app needs the " + needed + " scope)"));
    this.method = method;
    this.error = error;
  }

  public String method() {
    return method;
  }

  public String error() {
    return error;
  }

  /** Slack's own trouble rather than a refusal of what we asked. */
  public boolean isTransient() {
    return TRANSIENT.contains(error);
  }
}
