package dev.fireline.api.slack;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signature, as Slack documents it: {@code v0=} + hex HMAC-SHA256 of {@code
 * v0:<X-Slack-Request-Timestamp>:<raw body>} under the app's signing secret, and a timestamp at
 * most five minutes from now (either way) so a captured request cannot be replayed later.
 *
 * <p>The signature is computed by the SDK's {@link SlackSignature.Generator}. Two things are done
 * here rather than by the SDK's {@code Verifier}: the window is checked both ways (the SDK accepts
 * any timestamp in the future), and the comparison takes constant time. The SDK hashes {@code
 * String.getBytes()} in the platform charset; where that is not UTF-8 (a container without a
 * locale) and the body is not ASCII, the same HMAC is computed over the raw bytes instead.
 */
final class SlackSignatures {
  static final Duration WINDOW = Duration.ofMinutes(5);

  enum Verdict {
    VALID,
    MISSING,
    STALE,
    FORGED
  }

  private final String secret;
  private final SlackSignature.Generator generator;
  private final Clock clock;

  SlackSignatures(String signingSecret, Clock clock) {
    this.secret = signingSecret;
    this.generator = new SlackSignature.Generator(signingSecret);
    this.clock = clock;
  }

  Verdict check(String timestamp, String signature, byte[] body) {
    if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
      return Verdict.MISSING;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return Verdict.FORGED;
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - seconds) > WINDOW.toSeconds()) {
      return Verdict.STALE;
    }
    String expected = expected(timestamp.strip(), body);
    return MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            signature.strip().getBytes(StandardCharsets.UTF_8))
        ? Verdict.VALID
        : Verdict.FORGED;
  }

  private String expected(String timestamp, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (Charset.defaultCharset().equals(StandardCharsets.UTF_8) || isAscii(body)) {
      return generator.generate(timestamp, text);
    }
    try {
      Mac mac = Mac.getInstance(SlackSignature.ALGORITHM);
      mac.init(
          new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), SlackSignature.ALGORITHM));
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
      return "v0=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static boolean isAscii(byte[] body) {
    for (byte b : body) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }
}
