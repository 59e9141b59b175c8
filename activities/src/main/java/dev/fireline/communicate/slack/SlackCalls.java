package dev.fireline.communicate.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * One Web API call and what its failures mean for an activity. Every Slack call of the war room and
 * the direct messages goes through here, so that Slack being away or refusing always ends as a
 * normal activity failure with Slack's own words, never as anything else.
 */
public final class SlackCalls {
  /** Failure types (visible in Temporal UI and on the incident's timeline). */
  public static final String RATE_LIMITED = "SlackRateLimited";

  public static final String UNAVAILABLE = "SlackUnavailable";
  public static final String REFUSED = "SlackRefused";

  private SlackCalls() {}

  public interface Call<T> {
    T call() throws IOException, SlackApiException;
  }

  /**
   * Calls Slack. An {@code ok: false} answer whose error is one of {@code accepted} is returned
   * like a success (e.g. {@code already_in_channel}); any other is a {@link SlackRefused}. HTTP
   * errors are {@link SlackUnavailable}, network trouble {@link SlackUnreachable}.
   */
  public static <T extends SlackApiTextResponse> T call(
      String method, Call<T> call, String... accepted) {
    T response;
    try {
      response = call.call();
    } catch (IOException e) {
      throw new SlackUnreachable(method, e);
    } catch (SlackApiException e) {
      throw new SlackUnavailable(method, e);
    }
    if (response.isOk() || Set.of(accepted).contains(response.getError())) {
      return response;
    }
    throw new SlackRefused(method, response.getError(), response.getNeeded());
  }

  /**
   * The activity failure for a Slack failure: 429 waits out Slack's {@code Retry-After}; 5xx and
   * network trouble are retried on the activity's backoff; a refusal fails for good (unless Slack
   * called it its own trouble), so that it reaches the timeline at once instead of after half an
   * hour of identical answers. No cause is attached: the incident's timeline shows the innermost
   * message, and this one says it in full (the HTTP client's exception would only say "Connection
   * reset").
   */
  public static boolean isSlackFailure(RuntimeException e) {
    return e instanceof SlackUnavailable
        || e instanceof SlackUnreachable
        || e instanceof SlackRefused
        || e instanceof UncheckedIOException;
  }

  public static ApplicationFailure failure(RuntimeException e) {
    if (e instanceof ApplicationFailure failure) {
      return failure;
    }
    if (e instanceof SlackUnavailable unavailable) {
      ApplicationFailure.Builder failure =
          ApplicationFailure.newBuilder()
              .setMessage(unavailable.getMessage())
              .setType(unavailable.rateLimited() ? RATE_LIMITED : UNAVAILABLE);
      // Slack answers 4xx other than 429 only to a request that will never work (a wrong api-url)
      boolean retryable =
          unavailable.rateLimited() || unavailable.status() >= 500 || unavailable.status() == 408;
      failure.setNonRetryable(!retryable);
      unavailable.retryAfter().ifPresent(failure::setNextRetryDelay);
      return failure.build();
    }
    if (e instanceof SlackUnreachable || e instanceof UncheckedIOException) {
      String message =
          e instanceof SlackUnreachable
              ? e.getMessage()
              : "No answer from Slack: " + e.getCause().getClass().getSimpleName();
      return ApplicationFailure.newFailure(message, UNAVAILABLE);
    }
    if (e instanceof SlackRefused refused) {
      return ApplicationFailure.newBuilder()
          .setMessage(refused.getMessage())
          .setType(REFUSED)
          .setNonRetryable(!refused.isTransient())
          .build();
    }
    throw e;
  }

  /** No answer from Slack: the connection failed or timed out. */
  public static class SlackUnreachable extends RuntimeException {
    SlackUnreachable(String method, IOException cause) {
      super(
          "No answer from Slack for "
              + method
              + ": "
              + cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"),
          cause);
    }
  }
}
