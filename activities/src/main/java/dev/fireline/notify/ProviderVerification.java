package dev.fireline.notify;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.twilio.exception.ApiException;
import dev.fireline.notify.email.Mailer;
import dev.fireline.notify.twilio.TwilioApi;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The providers' own word on our credentials, asked once at start where it costs nothing: Twilio's
 * account fetch, an SMTP login without a message, Slack's {@code auth.test}. Only a rejection
 * counts against health; a provider that cannot be reached at start is "unverified" (sends are
 * retried anyway).
 */
public final class ProviderVerification {

  public enum Outcome {
    VERIFIED,
    REJECTED,
    UNVERIFIED
  }

  public record Result(String provider, Outcome outcome, String detail) {}

  /** auth.test errors that mean the token itself is no good (Slack's documented errors). */
  private static final java.util.Set<String> SLACK_REJECTIONS =
      java.util.Set.of(
          "invalid_auth",
          "not_authed",
          "account_inactive",
          "token_revoked",
          "token_expired",
          "not_allowed_token_type");

  private final Map<String, Result> results = new ConcurrentHashMap<>();

  /** The results so far, by provider name; empty in a process that sends nothing (the api). */
  public List<Result> results() {
    return results.values().stream()
        .sorted(java.util.Comparator.comparing(Result::provider))
        .toList();
  }

  public List<Result> rejected() {
    return results().stream().filter(r -> r.outcome() == Outcome.REJECTED).toList();
  }

  public Result twilio(TwilioApi api, String accountSid) {
    Result result;
    try {
      result = new Result("twilio", Outcome.VERIFIED, "account " + api.accountStatus(accountSid));
    } catch (ApiException answered) {
      Integer status = answered.getStatusCode();
      result =
          status != null && (status == 401 || status == 403)
              ? new Result(
                  "twilio",
                  Outcome.REJECTED,
                  "Twilio rejected the credentials (HTTP "
                      + status
                      + (answered.getCode() == null ? "" : ", error " + answered.getCode())
                      + "): check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN")
              : new Result("twilio", Outcome.UNVERIFIED, "Twilio answered " + status);
    } catch (RuntimeException unreachable) {
      result =
          new Result(
              "twilio",
              Outcome.UNVERIFIED,
              "Twilio could not be asked: " + unreachable.getMessage());
    }
    results.put(result.provider(), result);
    return result;
  }

  /** Slack's {@code auth.test}: whether the bot token is one Slack accepts. */
  public Result slack(MethodsClient slack) {
    Result result;
    try {
      AuthTestResponse answer = slack.authTest(r -> r);
      if (answer.isOk()) {
        result =
            new Result(
                "slack", Outcome.VERIFIED, "bot " + answer.getUser() + " in " + answer.getTeam());
      } else if (SLACK_REJECTIONS.contains(answer.getError())) {
        result =
            new Result(
                "slack",
                Outcome.REJECTED,
                "Slack rejected the bot token ("
                    + answer.getError()
                    + "): check FIRELINE_SLACK_BOT_TOKEN");
      } else {
        result = new Result("slack", Outcome.UNVERIFIED, "Slack answered " + answer.getError());
      }
    } catch (SlackApiException answered) {
      result =
          new Result(
              "slack", Outcome.UNVERIFIED, "Slack answered HTTP " + answered.getResponse().code());
    } catch (IOException | RuntimeException unreachable) {
      result =
          new Result(
              "slack",
              Outcome.UNVERIFIED,
              "Slack could not be asked: " + unreachable.getClass().getSimpleName());
    }
    results.put(result.provider(), result);
    return result;
  }

  public Result smtp(Mailer mailer, String server) {
    Result result;
    try {
      mailer.verify();
      result = new Result("smtp", Outcome.VERIFIED, "logged in to " + server);
    } catch (AuthenticationFailedException rejected) {
      result =
          new Result(
              "smtp",
              Outcome.REJECTED,
              server
                  + " rejected the login ("
                  + String.valueOf(rejected.getMessage()).strip()
                  + "): check SMTP_USERNAME and "
                  + "SMTP_PASSWORD");
    } catch (MessagingException unreachable) {
      result =
          new Result(
              "smtp",
              Outcome.UNVERIFIED,
              server + " could not be reached: " + unreachable.getMessage());
    }
    results.put(result.provider(), result);
    return result;
  }
}
