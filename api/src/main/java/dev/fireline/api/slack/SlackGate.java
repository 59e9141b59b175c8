package dev.fireline.api.slack;

import dev.fireline.api.slack.SlackSignatures.Verdict;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The credential of every Slack route: Slack's signature over the raw body. Missing, wrong or stale
 * (outside five minutes): 401 and nothing happens. No signing secret configured: 403 for every
 * Slack request, and one warning in the log (never the secret, never the body).
 */
final class SlackGate {
  static final String SIGNATURE = "X-Slack-Signature";
  static final String TIMESTAMP = "X-Slack-Request-Timestamp";
  private static final Logger log = LoggerFactory.getLogger(SlackGate.class);

  private final SlackSignatures signatures;
  private final AtomicBoolean warnedUnconfigured = new AtomicBoolean();

  SlackGate(String signingSecret, Clock clock) {
    this.signatures = signingSecret == null ? null : new SlackSignatures(signingSecret, clock);
  }

  /**
   * A request Slack signed: its body, and where it came from.
   *
   * @param refusal the answer to give instead, when it is not one
   */
  record Checked(String body, String ip, ResponseEntity<String> refusal) {
    boolean refused() {
      return refusal != null;
    }
  }

  Checked check(HttpServletRequest request) {
    if (signatures == null) {
      if (warnedUnconfigured.compareAndSet(false, true)) {
        log.warn(
            "A Slack request arrived but FIRELINE_SLACK_SIGNING_SECRET is not set: its "
                + "signature cannot be checked, so every Slack request is refused (403)");
      }
      return refused(
          HttpStatus.FORBIDDEN,
          "Slack requests are not accepted: Fireline has no " + "Slack signing secret configured");
    }
    byte[] body = SlackRawBody.of(request);
    Verdict verdict =
        signatures.check(request.getHeader(TIMESTAMP), request.getHeader(SIGNATURE), body);
    if (verdict != Verdict.VALID) {
      log.warn(
          "Slack request to {} refused: signature {} (is FIRELINE_SLACK_SIGNING_SECRET the "
              + "app's signing secret, and this machine's clock right?)",
          request.getRequestURI(),
          verdict.name().toLowerCase(java.util.Locale.ROOT));
      return refused(
          HttpStatus.UNAUTHORIZED,
          verdict == Verdict.STALE
              ? "Slack request timestamp is more than five minutes off"
              : "Slack signature missing or not valid");
    }
    return new Checked(
        new String(body, java.nio.charset.StandardCharsets.UTF_8), request.getRemoteAddr(), null);
  }

  private static Checked refused(HttpStatus status, String text) {
    return new Checked(
        null, null, ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(text));
  }
}
